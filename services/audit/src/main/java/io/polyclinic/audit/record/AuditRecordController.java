package io.polyclinic.audit.record;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over REST for admins (S2 "REST to gRPC": the same query as the gRPC {@code Query}):
 * {@code GET /api/v1/audit/records?actor=&entityType=&entityId=&action=&from=&to=&page=&size=}.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditRecordController {

    private final AuditLogService auditLog;

    public AuditRecordController(AuditLogService auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * One page of records matching every given filter, newest first.
     *
     * @param actor the acting user's UUID
     * @param entityType the kind of entity, such as {@code appointment}
     * @param entityId the entity's id
     * @param action the action, such as {@code APPOINTMENT_BOOKED}
     * @param from inclusive lower bound on {@code occurredAt}, ISO-8601 with offset
     * @param to exclusive upper bound on {@code occurredAt}, not before {@code from}
     * @return 200 page of records; 400 {@code invalid-request} for a malformed UUID or instant, an inverted range
     *     or a page size over 100
     */
    @GetMapping("/records")
    public PageResponse<AuditRecordView> records(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var pageQuery = PageQuery.of(page, size);
        var query = new AuditQuery(
                uuid("actor", actor), entityType, entityId, action, instant("from", from), instant("to", to));
        return auditLog.find(query, pageQuery).map(AuditRecordView::of);
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, field + " must be a UUID.");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field, field + " must be an ISO-8601 instant with offset, such as 2026-12-01T10:00:00Z.");
        }
    }
}
