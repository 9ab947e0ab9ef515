package io.polyclinic.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
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
 * The request's trace survives the outbox: a row appended inside a span keeps its {@code traceparent}, and the relay's
 * Kafka sender (the auto-configured one, on the testkit's real broker) puts it on the record as the W3C header.
 */
class OutboxTraceContextTest {

    private final SdkTracerProvider provider =
            SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = provider.get("test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {});
    private final TraceContextCarrier carrier = new TraceContextCarrier(
            tracer, new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer));
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

    private final String topic = "trace-test-" + UUID.randomUUID();
    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private OutboxRepository repository;
    private OutboxMetrics metrics;
    private Outbox outbox;
    private KafkaOutboxSender sender;

    @BeforeEach
    void freshDatabaseAndTopic() throws IOException {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing(
                "outbox_trace_" + ProcessHandle.current().pid() + "_"
                        + UUID.randomUUID().toString().substring(0, 8));
        var dataSource = new DriverManagerDataSource(url, server.username(), "");
        jdbc = JdbcClient.create(dataSource);
        try (var schema = Outbox.class.getResourceAsStream("outbox.sql")) {
            jdbc.sql(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
        var transactions = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        repository = new OutboxRepository(jdbc);
        metrics = new OutboxMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
        outbox = new Outbox(repository, JsonMapper.builder().build(), metrics, carrier);

        var kafka = EmbeddedKafkaServer.shared();
        kafka.createTopics(List.of(topic), 1);
        var kafkaProperties = new KafkaProperties();
        kafkaProperties.setBootstrapServers(List.of(kafka.bootstrapServers()));
        sender = new OutboxKafkaAutoConfiguration().kafkaOutboxSender(kafkaProperties, properties);
    }

    @AfterEach
    void close() {
        sender.close();
        provider.close();
    }

    @Test
    void aMessageAppendedInsideARequestsSpanReachesKafkaWithThatSpanAsTraceparentHeader() throws Exception {
        var request = tracer.nextSpan().name("POST /api/v1/appointments").start();
        UUID traced;
        try (var ignored = tracer.withSpan(request)) {
            traced = transaction.execute(status -> outbox.append(topic, "doctor-1", "AppointmentBooked", Map.of()));
        } finally {
            request.end();
        }
        var untraced =
                transaction.execute(status -> outbox.append(topic, "doctor-1", "AppointmentCancelled", Map.of()));
        var expected =
                "00-" + request.context().traceId() + "-" + request.context().spanId() + "-01";
        assertThat(jdbc.sql("select traceparent from outbox where id = ?")
                        .param(traced)
                        .query(String.class)
                        .single())
                .isEqualTo(expected);

        // The relay sends on its own thread, long after the request's span ended.
        var relay = new OutboxRelay(
                repository,
                List.of(sender),
                transaction.getTransactionManager(),
                properties,
                metrics,
                Clock.systemUTC());
        try (var thread = Executors.newSingleThreadExecutor()) {
            assertThat(thread.submit(relay::relayOnce).get()).isFalse();
        }

        var headers = traceparentHeadersById(2);
        assertThat(headers).containsEntry(traced.toString(), expected).containsEntry(untraced.toString(), null);
    }

    /** Reads the topic from the start until {@code count} records arrived: id header -> traceparent header or null. */
    private Map<String, String> traceparentHeadersById(int count) {
        var headers = new HashMap<String, String>();
        try (var consumer =
                KafkaTestConsumers.fromTheStart(EmbeddedKafkaServer.shared().bootstrapServers())) {
            consumer.subscribe(List.of(topic));
            var deadline = Instant.now().plusSeconds(30);
            while (headers.size() < count && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    var traceparent = record.headers().lastHeader(TraceContextCarrier.TRACEPARENT);
                    headers.put(
                            new String(record.headers().lastHeader("id").value(), StandardCharsets.UTF_8),
                            traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return headers;
    }
}
