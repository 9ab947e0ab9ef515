package io.polyclinic.audit.record;

import io.polyclinic.platform.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of the audit log as a client writes it (the gRPC {@code AuditRecord}).
 *
 * @param id the client-chosen record id, the idempotency key
 * @param occurredAt when the audited action happened, truncated to microseconds (PostgreSQL's precision, so the
 *     value hashed is the value stored)
 * @param source the writing service, such as {@code booking}
 * @param actorId the acting user, or {@code null} for an anonymous actor
 * @param action what happened, upper snake case ({@code APPOINTMENT_BOOKED})
 * @param entityType the kind of entity acted on ({@code appointment})
 * @param entityId the entity's id as text, or {@code null}
 * @param detailsJson a JSON object with details, or {@code null}
 * @param requestId the causing request's {@code X-Request-Id}, or {@code null}
 * @param traceId the causing request's trace id, or {@code null}
 * @param ip the causing request's client IP, or {@code null}
 */
public record AuditRecord(
        UUID id,
        Instant occurredAt,
        String source,
        UUID actorId,
        String action,
        String entityType,
        String entityId,
        String detailsJson,
        String requestId,
        String traceId,
        String ip) {

    /** The largest {@code detailsJson}, in UTF-8 bytes. */
    public static final int MAX_DETAILS_BYTES = 64 * 1024;

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /**
     * A record from client input: checks every field, turns blank optional fields into {@code null} and truncates
     * {@code occurredAt} to microseconds. (The canonical constructor takes values as stored, unchecked: a chain walk
     * must read even a tampered row.)
     *
     * @throws InvalidRequestException naming the first field at fault
     */
    public static AuditRecord of(
            UUID id,
            Instant occurredAt,
            String source,
            UUID actorId,
            String action,
            String entityType,
            String entityId,
            String detailsJson,
            String requestId,
            String traceId,
            String ip) {
        if (id == null) {
            throw new InvalidRequestException("id", "id is required and must be a UUID.");
        }
        if (occurredAt == null) {
            throw new InvalidRequestException("occurredAt", "occurredAt is required.");
        }
        if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
            throw new InvalidRequestException("occurredAt", "occurredAt must be between 1970 and 9999.");
        }
        var details = blankToNull(detailsJson);
        if (details != null && details.getBytes(StandardCharsets.UTF_8).length > MAX_DETAILS_BYTES) {
            throw new InvalidRequestException("detailsJson", "detailsJson must be at most 64 KiB.");
        }
        if (details != null && !isJsonObject(details)) {
            throw new InvalidRequestException("detailsJson", "detailsJson must be a JSON object.");
        }
        return new AuditRecord(
                id,
                occurredAt.truncatedTo(ChronoUnit.MICROS),
                required("source", source, NAME, "a lower-case service name of at most 64 characters"),
                actorId,
                required("action", action, ACTION, "upper snake case of at most 64 characters"),
                required("entityType", entityType, NAME, "a lower-case name of at most 64 characters"),
                optional("entityId", entityId, 200),
                details,
                optional("requestId", requestId, 200),
                optional("traceId", traceId, 64),
                optional("ip", ip, 64));
    }

    private static String required(String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is required.");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be " + expected + ".");
        }
        return value;
    }

    private static String optional(String field, String value, int maxLength) {
        var text = blankToNull(value);
        if (text != null && text.length() > maxLength) {
            throw new InvalidRequestException(field, field + " must be at most " + maxLength + " characters.");
        }
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field, field + " must not contain control characters.");
        }
        return text;
    }

    private static boolean isJsonObject(String text) {
        try {
            return JSON.readTree(text).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
