package io.polyclinic.ingest.config;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.polyclinic.ingest.bookingimport.BookingImportClient;
import io.polyclinic.ingest.bookingimport.BookingImportProperties;
import io.polyclinic.ingest.bookingimport.DoctorsSink;
import io.polyclinic.ingest.bookingimport.SlotsSink;
import io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The {@code doctors} and {@code slots} sinks and their client of booking's bulk import (decision 0044): a Spring gRPC
 * channel to {@code polyclinic.ingest.booking.target} whose calls carry ingest's service token (scope
 * {@code booking.import}, from {@code polyclinic.service-tokens.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingImportProperties.class)
public class BookingImportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BookingImportConfiguration.class);

    @Bean
    BookingImportClient bookingImportClient(
            GrpcChannelFactory channels,
            BookingImportProperties properties,
            ObjectProvider<ServiceTokenSource> tokens) {
        var source = tokens.getIfAvailable();
        ClientInterceptor credentials;
        if (source != null) {
            credentials = new ServiceTokenClientInterceptor(source);
        } else {
            log.warn("No service token (polyclinic.service-tokens.client-id is unset): booking will refuse imports of "
                    + "doctors and slots");
            credentials = new ClientInterceptor() {
                @Override
                public <Q, A> ClientCall<Q, A> interceptCall(
                        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                    return next.newCall(method, options);
                }
            };
        }
        return new BookingImportClient(channels.createChannel(properties.target()), credentials, properties.deadline());
    }

    @Bean
    DoctorsSink doctorsSink(BookingImportClient booking, BookingImportProperties properties) {
        return new DoctorsSink(booking, properties);
    }

    @Bean
    SlotsSink slotsSink(BookingImportClient booking, BookingImportProperties properties) {
        return new SlotsSink(booking, properties);
    }
}
