package io.polyclinic.audit.record;

import com.google.protobuf.Timestamp;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Instant;
import java.util.UUID;

/** Converts between the gRPC messages of {@code polyclinic.audit.v1} and the domain records. */
final class AuditRecordMessages {

    private AuditRecordMessages() {}

    /**
     * A checked domain record from a message.
     *
     * @throws InvalidRequestException naming the first field at fault (proto field names in camelCase)
     */
    static AuditRecord fromMessage(io.polyclinic.contracts.audit.v1.AuditRecord message) {
        UUID id;
        try {
            id = message.getId().isEmpty() ? null : uuid(message.getId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "id must be a UUID.");
        }
        UUID actorId = null;
        if (message.hasActorId() && !message.getActorId().isBlank()) {
            try {
                actorId = uuid(message.getActorId());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("actorId", "actorId must be a UUID.");
            }
        }
        var occurredAt = message.hasOccurredAt() ? instant(message.getOccurredAt()) : null;
        return AuditRecord.of(
                id,
                occurredAt,
                message.getSource(),
                actorId,
                message.getAction(),
                message.getEntityType(),
                message.hasEntityId() ? message.getEntityId() : null,
                message.hasDetailsJson() ? message.getDetailsJson() : null,
                message.hasRequestId() ? message.getRequestId() : null,
                message.hasTraceId() ? message.getTraceId() : null,
                message.hasIp() ? message.getIp() : null);
    }

    /** The message of a logged record. */
    static io.polyclinic.contracts.audit.v1.LoggedRecord toMessage(LoggedRecord logged) {
        var r = logged.record();
        var record = io.polyclinic.contracts.audit.v1.AuditRecord.newBuilder()
                .setId(r.id().toString())
                .setOccurredAt(timestamp(r.occurredAt()))
                .setSource(r.source())
                .setAction(r.action())
                .setEntityType(r.entityType());
        if (r.actorId() != null) {
            record.setActorId(r.actorId().toString());
        }
        if (r.entityId() != null) {
            record.setEntityId(r.entityId());
        }
        if (r.detailsJson() != null) {
            record.setDetailsJson(r.detailsJson());
        }
        if (r.requestId() != null) {
            record.setRequestId(r.requestId());
        }
        if (r.traceId() != null) {
            record.setTraceId(r.traceId());
        }
        if (r.ip() != null) {
            record.setIp(r.ip());
        }
        return io.polyclinic.contracts.audit.v1.LoggedRecord.newBuilder()
                .setRecord(record)
                .setSeq(logged.seq())
                .setRecordedAt(timestamp(logged.recordedAt()))
                .setHash(HashChain.hex(logged.hash()))
                .build();
    }

    /** A UUID in its canonical 36-character form only ({@link UUID#fromString} also takes shortened forms). */
    static UUID uuid(String text) {
        if (text.length() != 36) {
            throw new IllegalArgumentException("Not a UUID");
        }
        return UUID.fromString(text);
    }

    /** An instant from a protobuf timestamp; out-of-range values are the client's mistake. */
    static Instant instant(Timestamp timestamp) {
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidRequestException("timestamp", "A timestamp is out of range.");
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
