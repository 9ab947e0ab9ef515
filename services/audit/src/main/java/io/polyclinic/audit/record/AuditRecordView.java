package io.polyclinic.audit.record;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A logged record in the REST API.
 *
 * @param id the record id
 * @param seq its position in the log
 * @param occurredAt when the action happened
 * @param recordedAt when the audit service stored it
 * @param source the writing service
 * @param actorId the acting user, or null
 * @param action what happened
 * @param entityType the kind of entity
 * @param entityId the entity's id, or null
 * @param details the details object as written, or null
 * @param requestId the causing request's id, or null
 * @param traceId the causing request's trace id, or null
 * @param ip the causing request's client IP, or null
 * @param hash the hash-chain link, lower-case hex
 */
public record AuditRecordView(
        UUID id,
        long seq,
        Instant occurredAt,
        Instant recordedAt,
        String source,
        UUID actorId,
        String action,
        String entityType,
        String entityId,
        @JsonRawValue String details,
        String requestId,
        String traceId,
        String ip,
        String hash) {

    static AuditRecordView of(LoggedRecord logged) {
        var r = logged.record();
        return new AuditRecordView(
                r.id(),
                logged.seq(),
                r.occurredAt(),
                logged.recordedAt(),
                r.source(),
                r.actorId(),
                r.action(),
                r.entityType(),
                r.entityId(),
                r.detailsJson(),
                r.requestId(),
                r.traceId(),
                r.ip(),
                HashChain.hex(logged.hash()));
    }
}
