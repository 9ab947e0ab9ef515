package io.polyclinic.booking.config;

import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.platform.grpc.GrpcAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call booking's gRPC API (decisions 0025, 0044): the bulk import only with a service token of scope
 * {@value #IMPORT_SCOPE} (the ingest service's), never with a user's token, since the import's context (who imports,
 * into which clinics) is believed as the calling service states it. The platform's gRPC security enforces it.
 */
@Configuration(proxyBeanMethods = false)
public class BookingGrpcSecurityConfiguration {

    /** The scope a service token needs to import doctors and slots. */
    public static final String IMPORT_SCOPE = "booking.import";

    @Bean
    GrpcAccessRules bookingGrpcAccess() {
        return rules -> rules.serviceScope(
                IMPORT_SCOPE,
                BookingImportServiceGrpc.getImportDoctorsMethod(),
                BookingImportServiceGrpc.getImportSlotsMethod());
    }
}
