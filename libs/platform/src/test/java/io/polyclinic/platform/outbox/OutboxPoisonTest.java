package io.polyclinic.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record Kafka refuses for good (here: over the producer's 1 MiB request limit) is marked dead with the reason and
 * counted, and the records behind it on the same destination are delivered; on the testkit's real broker with the
 * auto-configured Kafka sender.
 */
class OutboxPoisonTest {

    private final OutboxProperties properties = new OutboxProperties(
            true,
            Duration.ofMillis(200),
            100,
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofDays(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1));

    private final String topic = "poison-test-" + UUID.randomUUID();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private Outbox outbox;
    private OutboxRelay relay;
    private KafkaOutboxSender sender;

    @BeforeEach
    void freshDatabaseAndTopic() throws IOException {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing(
                "outbox_poison_" + ProcessHandle.current().pid() + "_"
                        + UUID.randomUUID().toString().substring(0, 8));
        var dataSource = new DriverManagerDataSource(url, server.username(), "");
        jdbc = JdbcClient.create(dataSource);
        try (var schema = Outbox.class.getResourceAsStream("outbox.sql")) {
            jdbc.sql(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
        var transactions = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        var repository = new OutboxRepository(jdbc);
        var metrics = new OutboxMetrics(registry, Clock.systemUTC());
        outbox = new Outbox(repository, JsonMapper.builder().build(), metrics, null);

        var kafka = EmbeddedKafkaServer.shared();
        kafka.createTopics(List.of(topic), 1);
        var kafkaProperties = new KafkaProperties();
        kafkaProperties.setBootstrapServers(List.of(kafka.bootstrapServers()));
        sender = new OutboxKafkaAutoConfiguration().kafkaOutboxSender(kafkaProperties, properties);
        relay = new OutboxRelay(repository, List.of(sender), transactions, properties, metrics, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        sender.close();
    }

    @Test
    void aRecordOverKafkasSizeLimitIsMarkedDeadAndTheRecordsBehindItAreDelivered() {
        var before = transaction.execute(status -> outbox.append(topic, "doctor-1", "AppointmentBooked", Map.of()));
        var tooLarge = transaction.execute(
                status -> outbox.append(topic, "doctor-1", "AppointmentBooked", Map.of("blob", "x".repeat(1_200_000))));
        var after = transaction.execute(status -> outbox.append(topic, "doctor-1", "AppointmentCancelled", Map.of()));

        relay.relayOnce();

        assertThat(jdbc.sql("select dead_reason from outbox where id = ? and dead_at is not null")
                        .param(tooLarge)
                        .query(String.class)
                        .single())
                .contains("RecordTooLargeException");
        assertThat(registry.get("polyclinic.outbox.dead")
                        .tag("destination", topic)
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox where published_at is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        var later = transaction.execute(status -> outbox.append(topic, "doctor-1", "AppointmentBooked", Map.of()));
        relay.relayOnce();
        relay.refreshStats();

        assertThat(idsOnTheTopic(3)).containsExactly(before.toString(), after.toString(), later.toString());
        assertThat(registry.get("polyclinic.outbox.pending").gauge().value()).isZero();
        assertThat(registry.get("polyclinic.outbox.dead.rows").gauge().value()).isEqualTo(1);
    }

    /** Reads the topic from the start until {@code count} records arrived (or 30 s passed): their id headers. */
    private List<String> idsOnTheTopic(int count) {
        var ids = new ArrayList<String>();
        try (var consumer =
                KafkaTestConsumers.fromTheStart(EmbeddedKafkaServer.shared().bootstrapServers())) {
            consumer.subscribe(List.of(topic));
            var deadline = Instant.now().plusSeconds(30);
            while (ids.size() < count && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    ids.add(new String(record.headers().lastHeader("id").value(), StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }
}
