package io.polyclinic.platform.problem;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A rate limit was hit: answered 429 with a {@code Retry-After} header in whole seconds (RFC 9110 §10.2.3). */
public class TooManyRequestsException extends DomainException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before trying again; never negative. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
