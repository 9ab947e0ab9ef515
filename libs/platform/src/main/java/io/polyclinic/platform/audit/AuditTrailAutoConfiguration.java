package io.polyclinic.platform.audit;

import io.polyclinic.platform.outbox.Outbox;
import io.polyclinic.platform.outbox.OutboxAutoConfiguration;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link AuditTrail} of every service with a transactional outbox: {@link OutboxAuditTrail}, which appends each
 * entry to the outbox (destination {@code audit}) in the transaction of the change. The audit package builds on the
 * outbox, never the reverse. A service may declare its own {@link AuditTrail} bean instead.
 */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean(Outbox.class)
public class AuditTrailAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(AuditTrail.class)
    OutboxAuditTrail outboxAuditTrail(
            Outbox outbox, Environment environment, ObjectProvider<TraceContextCarrier> trace) {
        return new OutboxAuditTrail(
                outbox,
                environment.getProperty("spring.application.name", "unknown"),
                Clock.systemUTC(),
                trace.getIfAvailable());
    }
}
