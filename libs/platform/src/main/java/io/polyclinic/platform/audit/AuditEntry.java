package io.polyclinic.platform.audit;

import java.util.Map;
import java.util.UUID;

/**
 * What a service tells the audit log (S4): who did what to which entity.
 *
 * @param actorId the acting user's id, or {@code null} for an anonymous caller (e.g. a failed login)
 * @param action what happened, upper snake case: {@code LOGIN_SUCCEEDED}, {@code APPOINTMENT_BOOKED}, ...
 * @param entityType the kind of entity acted on: {@code user}, {@code clinic}, {@code doctor}, {@code slot}, ...
 * @param entityId the entity's id (as text), or {@code null}
 * @param details JSON-serializable details (before/after values, reasons); never passwords or tokens
 */
public record AuditEntry(
        UUID actorId, String action, String entityType, String entityId, Map<String, Object> details) {}
