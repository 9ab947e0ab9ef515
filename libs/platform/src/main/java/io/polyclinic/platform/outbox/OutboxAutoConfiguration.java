package io.polyclinic.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of every service with a database ({@code polyclinic.outbox.enabled}, default on):
 * {@link Outbox} (append in the current transaction), {@link OutboxRelay} (sends pending rows through the
 * {@link OutboxSender} beans) and {@link OutboxMetrics}; the audit trail built on it comes from the audit package's
 * {@code AuditTrailAutoConfiguration}. The service's migrations create the {@code outbox} table; without it the relay stays idle. The Kafka sender comes from
 * {@link OutboxKafkaAutoConfiguration}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
@ConditionalOnProperty(prefix = "polyclinic.outbox", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxRepository outboxRepository(DataSource dataSource) {
        return new OutboxRepository(JdbcClient.create(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxMetrics outboxMetrics(ObjectProvider<MeterRegistry> registry) {
        return new OutboxMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(
            OutboxRepository repository,
            JsonMapper json,
            OutboxMetrics metrics,
            ObjectProvider<TraceContextCarrier> trace) {
        return new Outbox(repository, json, metrics, trace.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            OutboxRepository repository,
            List<OutboxSender> senders,
            PlatformTransactionManager transactionManager,
            OutboxProperties properties,
            OutboxMetrics metrics) {
        return new OutboxRelay(repository, senders, transactionManager, properties, metrics, Clock.systemUTC());
    }
}
