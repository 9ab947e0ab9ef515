package io.polyclinic.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.polyclinic.contracts.audit.AuditRecordJson;
import io.polyclinic.platform.outbox.Outbox;
import io.polyclinic.platform.outbox.OutboxMetrics;
import io.polyclinic.platform.outbox.OutboxRepository;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The audit record an {@link OutboxAuditTrail} leaves in the outbox, as the audit service's sender reads it. */
class OutboxAuditTrailTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SdkTracerProvider provider =
            SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = provider.get("test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {});
    private final Propagator propagator =
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);

    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private OutboxAuditTrail trail;

    @BeforeEach
    void freshDatabase() throws IOException {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing(
                "audit_trail_" + ProcessHandle.current().pid() + "_"
                        + UUID.randomUUID().toString().substring(0, 8));
        var dataSource = new DriverManagerDataSource(url, server.username(), "");
        jdbc = JdbcClient.create(dataSource);
        try (var schema = Outbox.class.getResourceAsStream("outbox.sql")) {
            jdbc.sql(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var carrier = new TraceContextCarrier(tracer, propagator);
        var outbox = new Outbox(
                new OutboxRepository(jdbc),
                JSON,
                new OutboxMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
                carrier);
        trail = new OutboxAuditTrail(
                outbox, "booking", Clock.fixed(Instant.parse("2026-12-01T10:00:00.123Z"), ZoneOffset.UTC), carrier);
    }

    @AfterEach
    void clearLoggingContextAndTracer() {
        MDC.clear();
        provider.close();
    }

    @Test
    void anEntryRecordedInsideASpanCarriesThatSpansTraceIdNotTheLoggingContexts() {
        MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        var span = tracer.nextSpan().name("request").start();
        try (var ignored = tracer.withSpan(span)) {
            transaction.executeWithoutResult(status -> trail.record(
                    new AuditEntry(UUID.randomUUID(), "APPOINTMENT_BOOKED", "appointment", "a-2", Map.of())));
        } finally {
            span.end();
        }

        var row = jdbc.sql("select payload::text payload, traceparent from outbox")
                .query((rs, n) ->
                        Map.of("payload", rs.getString("payload"), "traceparent", rs.getString("traceparent")))
                .single();
        var traceId = span.context().traceId();
        assertThat(JSON.readTree(row.get("payload")).get("traceId").asString()).isEqualTo(traceId);
        assertThat(row.get("traceparent"))
                .isEqualTo("00-" + traceId + "-" + span.context().spanId() + "-01");
    }

    @Test
    void anEntryBecomesOneAuditRecordRowInTheJsonFormOfTheProtoRecord() {
        MDC.put("requestId", "req-42");
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        var actor = UUID.randomUUID();

        transaction.executeWithoutResult(status -> trail.record(
                new AuditEntry(actor, "APPOINTMENT_BOOKED", "appointment", "a-1", Map.of("slotId", "s-1"))));

        var row = jdbc.sql("select id, destination, msg_key, type, payload::text payload from outbox")
                .query((rs, n) -> Map.of(
                        "id", rs.getString("id"),
                        "destination", rs.getString("destination"),
                        "key", rs.getString("msg_key"),
                        "type", rs.getString("type"),
                        "payload", rs.getString("payload")))
                .single();
        assertThat(row.get("destination")).isEqualTo("audit");
        assertThat(row.get("type")).isEqualTo("AuditRecord");
        assertThat(row.get("key")).isEqualTo("appointment:a-1");
        var payload = JSON.readTree(row.get("payload"));
        assertThat(payload.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "occurredAt",
                        "source",
                        "actorId",
                        "action",
                        "entityType",
                        "entityId",
                        "detailsJson",
                        "requestId",
                        "traceId");
        assertThat(payload.get("id").asString()).isEqualTo(row.get("id"));
        assertThat(payload.get("occurredAt").asString()).isEqualTo("2026-12-01T10:00:00.123Z");
        assertThat(payload.get("source").asString()).isEqualTo("booking");
        assertThat(payload.get("actorId").asString()).isEqualTo(actor.toString());
        assertThat(payload.get("action").asString()).isEqualTo("APPOINTMENT_BOOKED");
        assertThat(payload.get("entityType").asString()).isEqualTo("appointment");
        assertThat(payload.get("entityId").asString()).isEqualTo("a-1");
        assertThat(JSON.readTree(payload.get("detailsJson").asString())
                        .get("slotId")
                        .asString())
                .isEqualTo("s-1");
        assertThat(payload.get("requestId").asString()).isEqualTo("req-42");
        assertThat(payload.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        // The same text is the proto record, field for field: audit.proto is the record's one definition.
        var record = AuditRecordJson.fromJson(row.get("payload"));
        assertThat(record.getId()).isEqualTo(row.get("id"));
        assertThat(record.getActorId()).isEqualTo(actor.toString());
        assertThat(record.getOccurredAt().getNanos()).isEqualTo(123_000_000);
        assertThat(record.hasIp()).isFalse();
    }

    @Test
    void anAnonymousEntryWithoutEntityIdLeavesThemOutAndHasKeyNone() {
        transaction.executeWithoutResult(
                status -> trail.record(new AuditEntry(null, "LOGIN_FAILED", "user", null, null)));

        var payload = JSON.readTree(
                jdbc.sql("select payload::text from outbox").query(String.class).single());
        assertThat(payload.propertyNames())
                .containsExactlyInAnyOrder("id", "occurredAt", "source", "action", "entityType", "detailsJson");
        assertThat(payload.get("detailsJson").asString()).isEqualTo("{}");
        assertThat(jdbc.sql("select msg_key from outbox").query(String.class).single())
                .isEqualTo("none");
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> trail.record(new AuditEntry(null, "LOGIN_FAILED", "user", null, Map.of())))
                .isInstanceOf(IllegalStateException.class);
    }
}
