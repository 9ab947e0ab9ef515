package io.polyclinic.collector.event;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/**
 * The collector cannot take events now: Kafka did not acknowledge the event in time, or the sites are not loaded yet.
 * Answered 503 with {@code Retry-After}; nothing was accepted.
 */
public class EventsUnavailableException extends DomainException {

    EventsUnavailableException() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "events-unavailable",
                "Events cannot be taken now",
                "The event was not recorded. Try again later.");
    }
}
