package io.polyclinic.platform.audit;

import io.micrometer.core.instrument.MeterRegistry;
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
 * global client interceptors (observation, trace propagation) apply.
 */
@AutoConfiguration(afterName = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnClass(GrpcChannelFactory.class)
@EnableConfigurationProperties(AuditClientProperties.class)
public class PlatformAuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(GrpcChannelFactory.class)
    @ConditionalOnExpression("!'${polyclinic.audit.target:}'.isBlank()")
    AuditOutboxSender auditOutboxSender(
            GrpcChannelFactory channels, AuditClientProperties properties, MeterRegistry meters) {
        var channel = channels.createChannel(properties.target());
        return new AuditOutboxSender(channel, properties.deadline(), properties.maxBatchRecords(), meters);
    }
}
