package io.polyclinic.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the admin pages read from the identity, booking and audit APIs, by the APIs' field names. */
public final class AdminViews {

    private AdminViews() {}

    /** A user account; {@code clinicIds} count while the user is a CLINIC_MANAGER. */
    public record User(UUID id, String email, String fullName, List<String> roles, List<UUID> clinicIds) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            clinicIds = clinicIds == null ? List.of() : List.copyOf(clinicIds);
        }
    }

    /** A review as moderators see it; {@code hiddenAt} is null while it is visible. */
    public record Review(
            UUID id,
            UUID doctorId,
            String doctorName,
            int rating,
            String text,
            Instant createdAt,
            Instant hiddenAt,
            String hiddenReason) {}

    /** One record of the audit log; {@code details} is the JSON object the writer gave, or null. */
    public record AuditRecord(
            UUID id,
            long seq,
            Instant occurredAt,
            String source,
            UUID actorId,
            String action,
            String entityType,
            String entityId,
            JsonNode details,
            String requestId,
            String ip) {

        /** The details as compact JSON text, empty when there are none (the page escapes it). */
        public String detailsText() {
            return details == null || details.isNull() ? "" : details.toString();
        }
    }

    /**
     * A chain verification job.
     *
     * @param status RUNNING, VALID, BROKEN or FAILED
     * @param firstBroken where the chain first does not hold (null unless BROKEN)
     */
    public record Verification(
            UUID id,
            String status,
            long checkedRecords,
            long totalRecords,
            long anchoredSeq,
            Broken firstBroken,
            Instant startedAt,
            Instant finishedAt) {

        public boolean running() {
            return "RUNNING".equals(status);
        }

        /** Progress 0..100. */
        public int percent() {
            return totalRecords <= 0 ? (running() ? 0 : 100) : (int) Math.min(100, checkedRecords * 100 / totalRecords);
        }
    }

    /** Where a verification found the chain broken: the record's position, id and why. */
    public record Broken(long seq, UUID id, String reason) {}
}
