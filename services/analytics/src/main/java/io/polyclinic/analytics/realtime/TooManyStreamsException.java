package io.polyclinic.analytics.realtime;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/** This instance has as many live streams open as {@code max-streams} allows: 503, try again (or another replica). */
final class TooManyStreamsException extends DomainException {
    TooManyStreamsException() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-streams",
                "Too many live streams",
                "This instance serves as many live streams as it may; try again in a moment.");
    }
}
