package io.polyclinic.audit.record;

import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Instant;
import java.util.UUID;

/**
 * Filters of an audit log query, combined with AND; a {@code null} filter matches everything.
 *
 * @param actorId the acting user
 * @param entityType the kind of entity
 * @param entityId the entity's id (as text)
 * @param action the action
 * @param from inclusive lower bound on {@code occurredAt}
 * @param to exclusive upper bound on {@code occurredAt}
 */
public record AuditQuery(UUID actorId, String entityType, String entityId, String action, Instant from, Instant to) {

    /** @throws InvalidRequestException when {@code to} is before {@code from} or a text filter is over-long */
    public AuditQuery {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequestException("to", "to must not be before from.");
        }
        entityType = text("entityType", entityType, 64);
        entityId = text("entityId", entityId, 200);
        action = text("action", action, 64);
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(field, field + " must be at most " + maxLength + " characters.");
        }
        return value;
    }
}
