package io.polyclinic.platform.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.platform.servicetoken.ServiceTokenAutoConfiguration;
import io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The audit outbox sender of every service, present only when {@code polyclinic.audit.target} is set: without it
 * no sender supports the {@code audit} destination, so the relay leaves audit rows pending (nothing is lost) until
 * the service is restarted with a target. The channel comes from Spring gRPC's {@link GrpcChannelFactory}, so its
 * global client interceptors (observation, trace propagation) apply; its calls carry the service's service token
 * ({@link ServiceTokenSource}, decision 0025).
 */
@AutoConfiguration(
        after = ServiceTokenAutoConfiguration.class,
        afterName = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnClass(GrpcChannelFactory.class)
@EnableConfigurationProperties(AuditClientProperties.class)
public class PlatformAuditAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformAuditAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(GrpcChannelFactory.class)
    @ConditionalOnExpression("!'${polyclinic.audit.target:}'.isBlank()")
    AuditOutboxSender auditOutboxSender(
            GrpcChannelFactory channels,
            AuditClientProperties properties,
            ObjectProvider<ServiceTokenSource> serviceTokens,
            MeterRegistry meters) {
        var channel = channels.createChannel(properties.target());
        var tokens = serviceTokens.getIfAvailable();
        if (tokens == null) {
            log.warn("polyclinic.audit.target is set but this service has no service token "
                    + "(polyclinic.service-tokens.client-id): the audit service will refuse its records, which wait "
                    + "in the outbox");
            return new AuditOutboxSender(channel, properties.deadline(), properties.maxBatchRecords(), meters);
        }
        return new AuditOutboxSender(
                channel,
                new ServiceTokenClientInterceptor(tokens),
                properties.deadline(),
                properties.maxBatchRecords(),
                meters);
    }
}
