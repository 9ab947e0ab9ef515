package io.polyclinic.platform.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure with a meaning for the client, answered as an RFC 9457 problem by the web layer's {@code ProblemDetailsAdvice}.
 *
 * <p>The message is the problem's {@code detail}: it must be safe to show a user (no SQL, class names or hosts).
 * Subclasses name a concrete failure ({@code SlotAlreadyBookedException}) and pick the status by extending one of
 * {@link NotFoundException} (404), {@link ConflictException} (409), {@link RuleViolationException} (422) or
 * {@link TooManyRequestsException} (429).
 */
public abstract class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final String title;

    /**
     * @param status the HTTP status the problem is answered with
     * @param problemType a short kebab-case slug, the last segment of the problem's {@code type} URI
     * @param title a short human-readable summary that does not change between occurrences
     * @param detail the occurrence-specific explanation shown to the user
     */
    protected DomainException(HttpStatus status, String problemType, String title, String detail) {
        super(detail);
        this.status = status;
        this.problemType = problemType;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }

    /** Extra members added to the problem body (for example {@code slotId}); empty by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
