package io.polyclinic.platform.audit;

import com.google.protobuf.Timestamp;
import io.polyclinic.contracts.audit.AuditRecordJson;
import io.polyclinic.contracts.audit.v1.AuditRecord;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.outbox.Outbox;
import io.polyclinic.platform.tracing.RequestIds;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AuditTrail} of every service with an outbox: appends one {@code AuditRecord} row (destination
 * {@code audit}, key {@code entityType:entityId}, or {@code none} without an entity id) in the current transaction.
 * Its payload is the gRPC {@link AuditRecord} of {@code audit.proto} in its JSON form ({@link AuditRecordJson}: the
 * proto is the record's one definition), with the details as {@code detailsJson}. The trace id is the current span's
 * (the originating request's trace, decision 0022; a record relayed later in a batch of many requests' records keeps
 * it this way), the request id comes from the logging context ({@code requestId}), the IP from the request being
 * served (after {@code server.forward-headers-strategy}); each is left out outside a request.
 */
public class OutboxAuditTrail implements AuditTrail {

    /** The outbox destination of audit records. */
    public static final String DESTINATION = "audit";
    /** The outbox message type of audit records. */
    public static final String TYPE = "AuditRecord";

    private static final int MAX_IP = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Outbox outbox;
    private final String source;
    private final Clock clock;
    private final @Nullable TraceContextCarrier trace;

    /**
     * @param source the service name written into every record ({@code spring.application.name})
     * @param trace reads the current span's trace id; {@code null} without tracing (then the logging context's
     *     {@code traceId}, if any, is used)
     */
    public OutboxAuditTrail(Outbox outbox, String source, Clock clock, @Nullable TraceContextCarrier trace) {
        this.outbox = outbox;
        this.source = source;
        this.clock = clock;
        this.trace = trace;
    }

    /**
     * @throws IllegalStateException outside a transaction
     * @throws IllegalArgumentException without an action or entity type
     */
    @Override
    public void record(AuditEntry entry) {
        if (entry.action() == null
                || entry.action().isBlank()
                || entry.entityType() == null
                || entry.entityType().isBlank()) {
            throw new IllegalArgumentException("An audit entry needs an action and an entity type");
        }
        var id = Ids.newId();
        var now = clock.instant();
        var record = AuditRecord.newBuilder()
                .setId(id.toString())
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setSource(source)
                .setAction(entry.action())
                .setEntityType(entry.entityType())
                .setDetailsJson(JSON.writeValueAsString(entry.details() == null ? Map.of() : entry.details()));
        if (entry.actorId() != null) {
            record.setActorId(entry.actorId().toString());
        }
        if (entry.entityId() != null) {
            record.setEntityId(entry.entityId());
        }
        var requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            record.setRequestId(requestId);
        }
        var traceId = traceId();
        if (traceId != null) {
            record.setTraceId(traceId);
        }
        var ip = currentClientIp();
        if (ip != null) {
            record.setIp(ip);
        }
        var key = entry.entityId() == null ? "none" : entry.entityType() + ":" + entry.entityId();
        var payload = JSON.readTree(AuditRecordJson.toJson(record.build()));
        outbox.append(id, DESTINATION, key.length() <= 200 ? key : key.substring(0, 200), TYPE, payload);
    }

    /** The current span's trace id; the logging context's only when no tracer is at hand. */
    private @Nullable String traceId() {
        var current = trace == null ? null : trace.currentTraceId();
        return current != null ? current : MDC.get("traceId");
    }

    /**
     * The client address an entry recorded now carries: the current request's client as Tomcat determined it (the
     * {@code X-Forwarded-For} address only from a trusted proxy, see {@code polyclinic.web.trusted-proxies}), at most
     * 64 characters; {@code null} outside a request.
     */
    public static @Nullable String currentClientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var ip = attributes.getRequest().getRemoteAddr();
            return ip == null || ip.length() <= MAX_IP ? ip : ip.substring(0, MAX_IP);
        }
        return null;
    }
}
