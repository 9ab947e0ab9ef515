package io.polyclinic.audit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.audit.RecordedSpans;
import io.polyclinic.platform.audit.AuditOutboxSender;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.outbox.OutboxMessage;
import io.polyclinic.platform.outbox.RejectedMessagesException;
import io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import io.polyclinic.platform.servicetoken.ServiceTokenUnavailableException;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The platform's audit outbox sender (what identity's and booking's relays use) against the real audit service:
 * the channel comes from Spring gRPC's channel factory with a {@code static://} target, as in production.
 */
class AuditOutboxSenderTest extends AuditApiTest {

    @Autowired
    GrpcChannelFactory channels;

    @Autowired
    RecordedSpans spans;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ManagedChannel> opened = new ArrayList<>();

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (var channel : opened) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private AuditOutboxSender sender(String target, int maxBatchRecords) {
        return sender(target, maxBatchRecords, () -> writer);
    }

    /** A sender whose calls carry the tokens of {@code tokens}, as every service's sender does. */
    private AuditOutboxSender sender(String target, int maxBatchRecords, ServiceTokenSource tokens) {
        var channel = channels.createChannel(target);
        opened.add(channel);
        return new AuditOutboxSender(
                channel, new ServiceTokenClientInterceptor(tokens), Duration.ofSeconds(5), maxBatchRecords, meters);
    }

    private static OutboxMessage message(String entityId, String action, String details) {
        var id = Ids.newId();
        var payload = """
                {"id":"%s","occurredAt":"2026-12-01T10:00:00.123Z","source":"booking","actorId":"%s",\
                "action":"%s","entityType":"appointment","entityId":"%s","details":%s,\
                "requestId":"req-1","traceId":null,"ip":"198.51.100.4"}""".formatted(id, UUID.randomUUID(), action, entityId, details);
        return new OutboxMessage(
                id,
                "audit",
                "appointment:" + entityId,
                "AuditRecord",
                payload,
                Instant.parse("2026-12-01T10:00:00Z"),
                null);
    }

    private long stored(String entityId) {
        return jdbc.sql("select count(*) from audit_records where entity_id = ?")
                .param(entityId)
                .query(Long.class)
                .single();
    }

    @Test
    void supportsOnlyTheAuditDestination() {
        var sender = sender("static://localhost:" + grpcPort(), 500);

        assertThat(sender.supports("audit")).isTrue();
        assertThat(sender.supports("booking.events")).isFalse();
    }

    @Test
    void outboxMessagesBecomeAuditRecordsWithEveryFieldAndResendingStoresNothingTwice() throws Exception {
        var entity = uniqueEntity();
        var messages = List.of(
                message(entity, "APPOINTMENT_BOOKED", "{\"slotId\":\"s-1\",\"price\":{\"amount\":\"12.50\"}}"),
                message(entity, "APPOINTMENT_CANCELLED", "null"),
                message(entity, "APPOINTMENT_BOOKED", "{}"));
        var sender = sender("static://localhost:" + grpcPort(), 2);

        sender.send(messages);
        sender.send(messages);

        assertThat(stored(entity)).isEqualTo(3);
        var first = jdbc.sql("select id, action, details::text as details, request_id, ip, occurred_at"
                        + " from audit_records where entity_id = ? order by seq limit 1")
                .param(entity)
                .query((rs, n) -> List.of(
                        rs.getString("id"),
                        rs.getString("action"),
                        rs.getString("details"),
                        rs.getString("request_id"),
                        rs.getString("ip"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class)
                                .toInstant()
                                .toString()))
                .single();
        assertThat(first)
                .containsExactly(
                        messages.getFirst().id().toString(),
                        "APPOINTMENT_BOOKED",
                        "{\"slotId\":\"s-1\",\"price\":{\"amount\":\"12.50\"}}",
                        "req-1",
                        "198.51.100.4",
                        "2026-12-01T10:00:00.123Z");
        assertThat(meters.counter("polyclinic.audit.outbox.sent").count()).isEqualTo(6);
    }

    @Test
    void eachRequestsTraceShowsTheAuditServiceStoringItsRecordsAlthoughOneCallCarriesThemAll() throws Exception {
        var entity = uniqueEntity();
        var bookingTrace = randomHex(16);
        var cancellingTrace = randomHex(16);
        // two rows written in one span (a booking and its second audit record), one in another request's span
        var bookingSpan = "00-" + bookingTrace + "-" + randomHex(8) + "-01";
        var booked = traced(message(entity, "APPOINTMENT_BOOKED", "{}"), bookingSpan);
        var alsoBooked = traced(message(entity, "APPOINTMENT_BOOKED", "{}"), bookingSpan);
        var cancelled = traced(
                message(entity, "APPOINTMENT_CANCELLED", "{}"), "00-" + cancellingTrace + "-" + randomHex(8) + "-01");
        var untraced = message(entity, "APPOINTMENT_BOOKED", "{}");

        sender("static://localhost:" + grpcPort(), 500).send(List.of(booked, alsoBooked, cancelled, untraced));

        assertThat(stored(entity)).isEqualTo(4);
        var appends = spans.named("audit append").stream()
                .filter(span -> Set.of(bookingTrace, cancellingTrace).contains(span.getTraceId()))
                .toList();
        // one span in each request's trace, a child of the span that wrote the outbox row, around the one append
        assertThat(appends).extracting(SpanData::getTraceId).containsExactlyInAnyOrder(bookingTrace, cancellingTrace);
        for (var span : appends) {
            var writer = span.getTraceId().equals(bookingTrace) ? booked : cancelled;
            assertThat(span.getParentSpanId()).isEqualTo(writer.traceparent().split("-")[2]);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("audit.stored")))
                    .isEqualTo("4");
        }
    }

    /** The message as the outbox keeps it for a row written inside the (sampled) span {@code traceparent}. */
    private static OutboxMessage traced(OutboxMessage message, String traceparent) {
        return new OutboxMessage(
                message.id(),
                message.destination(),
                message.key(),
                message.type(),
                message.payload(),
                message.createdAt(),
                traceparent);
    }

    private static String randomHex(int bytes) {
        var random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    @Test
    void aRecordInTheJsonFormOfTheProtoIsStoredAsWritten() throws Exception {
        var entity = uniqueEntity();
        var id = Ids.newId();
        var record = io.polyclinic.contracts.audit.v1.AuditRecord.newBuilder()
                .setId(id.toString())
                .setOccurredAt(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond())
                        .setNanos(456_000_000))
                .setSource("booking")
                .setAction("APPOINTMENT_BOOKED")
                .setEntityType("appointment")
                .setEntityId(entity)
                .setDetailsJson("{\"slotId\":\"s-2\"}")
                .build();
        var message = new OutboxMessage(
                id,
                "audit",
                "appointment:" + entity,
                "AuditRecord",
                io.polyclinic.contracts.audit.AuditRecordJson.toJson(record),
                Instant.now(),
                null);

        sender("static://localhost:" + grpcPort(), 500).send(List.of(message));

        var stored = jdbc.sql("select id, details::text, actor_id, occurred_at from audit_records where entity_id = ?")
                .param(entity)
                .query((rs, n) -> List.of(
                        rs.getString(1),
                        rs.getString(2),
                        String.valueOf(rs.getString(3)),
                        rs.getObject(4, java.time.OffsetDateTime.class)
                                .toInstant()
                                .toString()))
                .single();
        assertThat(stored).containsExactly(id.toString(), "{\"slotId\":\"s-2\"}", "null", "2026-12-01T10:00:00.456Z");
    }

    @Test
    void anInvalidMessageIsReportedForTheDeadRowsAndTheRestOfItsBatchStillArrives() {
        var entity = uniqueEntity();
        var unreadable =
                new OutboxMessage(Ids.newId(), "audit", "none", "AuditRecord", "{not json", Instant.now(), null);
        var refused = message(entity, "lower_case_is_refused", "{}");
        var good = message(entity, "APPOINTMENT_BOOKED", "{}");

        assertThatThrownBy(
                        () -> sender("static://localhost:" + grpcPort(), 500).send(List.of(unreadable, refused, good)))
                .isInstanceOfSatisfying(RejectedMessagesException.class, e -> {
                    assertThat(e.rejected()).containsOnlyKeys(unreadable.id(), refused.id());
                    assertThat(e.transientFailure()).isNull();
                });

        assertThat(stored(entity)).isEqualTo(1);
        assertThat(meters.counter("polyclinic.audit.outbox.rejected").count()).isEqualTo(2);
    }

    @Test
    void withoutAServiceTokenSendFailsUnavailableAndNothingIsStoredOrSkipped() {
        var entity = uniqueEntity();
        ServiceTokenSource identityDown = () -> {
            throw new ServiceTokenUnavailableException("identity is down");
        };

        assertThatThrownBy(() -> sender("static://localhost:" + grpcPort(), 500, identityDown)
                        .send(List.of(message(entity, "APPOINTMENT_BOOKED", "{}"))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(stored(entity)).isZero();
        assertThat(meters.counter("polyclinic.audit.outbox.rejected").count()).isZero();
    }

    @Test
    void aRefusedServiceTokenThrowsSoTheRelayKeepsTheRowsAndTheTokenIsForgotten() {
        var entity = uniqueEntity();
        var forgotten = new ArrayList<String>();
        var userToken = TestJwtIssuer.shared().token(Ids.newId(), "admin@test", "ADMIN");
        var tokens = new ServiceTokenSource() {
            @Override
            public String token() {
                return userToken;
            }

            @Override
            public void invalidate(String token) {
                forgotten.add(token);
            }
        };

        assertThatThrownBy(() -> sender("static://localhost:" + grpcPort(), 500, tokens)
                        .send(List.of(message(entity, "APPOINTMENT_BOOKED", "{}"))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> sender("static://localhost:" + grpcPort(), 500, () -> "forged")
                        .send(List.of(message(entity, "APPOINTMENT_BOOKED", "{}"))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        var invalidating = sender("static://localhost:" + grpcPort(), 500, new ServiceTokenSource() {
            @Override
            public String token() {
                return "expired-or-rotated";
            }

            @Override
            public void invalidate(String token) {
                forgotten.add(token);
            }
        });
        assertThatThrownBy(() -> invalidating.send(List.of(message(entity, "APPOINTMENT_BOOKED", "{}"))))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(stored(entity)).isZero();
        assertThat(forgotten).containsExactly("expired-or-rotated");
    }

    @Test
    void aBatchOverTheServersPerStreamCapIsSentRecordByRecord() throws Exception {
        var entity = uniqueEntity();
        var messages = IntStream.range(0, 1001)
                .mapToObj(i -> message(entity, "APPOINTMENT_BOOKED", "{}"))
                .toList();

        sender("static://localhost:" + grpcPort(), 2000).send(messages);

        assertThat(stored(entity)).isEqualTo(1001);
    }

    @Test
    void whenTheAuditServiceIsDownSendThrowsSoTheRelayKeepsTheRows() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var entity = uniqueEntity();

        assertThatThrownBy(() -> sender("static://localhost:" + closedPort, 500)
                        .send(List.of(message(entity, "APPOINTMENT_BOOKED", "{}"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                                e.getStatus().getCode())
                        .isIn(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED));
        assertThat(stored(entity)).isZero();
    }
}
