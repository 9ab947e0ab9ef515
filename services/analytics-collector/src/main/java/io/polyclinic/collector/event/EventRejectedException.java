package io.polyclinic.collector.event;

import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.problem.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An event the collector refuses, answered as a problem whose {@code type} ends in the {@link #reason()} (for example
 * {@code urn:polyclinic:problem:unknown-site}) and counted under that reason. Nothing is published for it. The detail
 * never echoes the client's text.
 */
public class EventRejectedException extends DomainException {

    private final String reason;
    private final String field;

    EventRejectedException(HttpStatus status, String reason, String title, String detail, String field) {
        super(status, reason, title, detail);
        this.reason = reason;
        this.field = field;
    }

    /** A malformed or out-of-bounds field: 400, with the field named in {@code errors}. */
    static EventRejectedException invalid(String reason, String field, String detail) {
        return new EventRejectedException(HttpStatus.BAD_REQUEST, reason, "Invalid event", detail, field);
    }

    /** A well-formed event that breaks a rule (unknown site, URL of another site, time out of range): 422. */
    static EventRejectedException rule(String reason, String title, String detail) {
        return new EventRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, reason, title, detail, null);
    }

    /** The short, fixed reason: the problem type's slug and the {@code reason} tag of the rejection counter. */
    public String reason() {
        return reason;
    }

    @Override
    public Map<String, Object> properties() {
        if (field == null) {
            return Map.of();
        }
        return Map.of("errors", List.of(new Problems.FieldError(field, getMessage())));
    }
}
