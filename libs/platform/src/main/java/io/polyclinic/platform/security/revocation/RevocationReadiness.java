package io.polyclinic.platform.security.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;

/**
 * The readiness probe ({@code /actuator/health/readiness}) of a service that checks revocations: it reports
 * {@code REFUSING_TRAFFIC} (503 {@code OUT_OF_SERVICE}) until the {@link RevocationEventListener} has replayed the
 * recent revocations, so a starting replica never accepts a token that its peers refuse. After
 * {@code readinessTimeout} it follows the application's own readiness again, with a warning: a Kafka outage must not
 * keep every restarted replica out of service.
 */
public final class RevocationReadiness extends ReadinessStateHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RevocationReadiness.class);

    private final RevocationEventListener listener;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicBoolean warned = new AtomicBoolean();

    public RevocationReadiness(
            ApplicationAvailability availability, RevocationEventListener listener, Duration timeout, Clock clock) {
        super(availability);
        this.listener = listener;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        var state = super.getState(availability);
        if (listener.isCaughtUp() || state != ReadinessState.ACCEPTING_TRAFFIC) {
            return state;
        }
        var started = listener.startedAt();
        if (started != null && clock.instant().isAfter(started.plus(timeout))) {
            if (warned.compareAndSet(false, true)) {
                log.warn(
                        "Token revocations not replayed within {}: reporting ready without them until Kafka answers",
                        timeout);
            }
            return state;
        }
        return ReadinessState.REFUSING_TRAFFIC;
    }
}
