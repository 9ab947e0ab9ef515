package io.polyclinic.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.audit.AuditTrailAutoConfiguration;
import io.polyclinic.platform.audit.OutboxAuditTrail;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** Which services get the outbox: those with a database, unless turned off; Kafka sending where Kafka is. */
class OutboxAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    OutboxAutoConfiguration.class,
                    AuditTrailAutoConfiguration.class,
                    OutboxKafkaAutoConfiguration.class));

    private ApplicationContextRunner withDatabase() {
        var server = EmbeddedPostgresServer.shared();
        var dataSource = new DriverManagerDataSource(server.jdbcUrl("postgres"), server.username(), "");
        return runner.withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aServiceWithADatabaseGetsTheOutboxTheRelayTheAuditTrailAndTheKafkaSender() {
        withDatabase().run(context -> {
            assertThat(context).hasSingleBean(Outbox.class);
            assertThat(context).hasSingleBean(OutboxRelay.class);
            assertThat(context).getBean(AuditTrail.class).isInstanceOf(OutboxAuditTrail.class);
            assertThat(context).getBean(OutboxSender.class).isInstanceOf(KafkaOutboxSender.class);
            assertThat(context.getBean(OutboxSender.class).supports("booking.events"))
                    .isTrue();
            assertThat(context.getBean(OutboxSender.class).supports("audit")).isFalse();
        });
    }

    @Test
    void aServiceWithoutADatabaseGetsNoOutbox() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(Outbox.class);
            assertThat(context).doesNotHaveBean(AuditTrail.class);
            assertThat(context).doesNotHaveBean(OutboxSender.class);
        });
    }

    @Test
    void theOutboxCanBeTurnedOff() {
        withDatabase().withPropertyValues("polyclinic.outbox.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(Outbox.class);
            assertThat(context).doesNotHaveBean(OutboxRelay.class);
        });
    }
}
