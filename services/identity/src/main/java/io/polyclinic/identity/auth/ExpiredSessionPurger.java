package io.polyclinic.identity.auth;

import io.polyclinic.identity.config.IdentityProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes sessions that ended or expired more than {@code polyclinic.identity.sessions.retention} ago, and expired
 * refresh tokens, every {@code purge-interval}. Several instances may run it at once: the deletes are idempotent.
 */
@Component
public class ExpiredSessionPurger {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionPurger.class);

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration retention;

    public ExpiredSessionPurger(SessionRepository sessions, Clock clock, IdentityProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.retention = properties.sessions().retention();
    }

    /**
     * Runs one purge.
     *
     * @return how many sessions were deleted
     */
    @Scheduled(
            fixedDelayString = "${polyclinic.identity.sessions.purge-interval:1h}",
            initialDelayString = "${polyclinic.identity.sessions.purge-interval:1h}")
    public int purge() {
        var deleted = sessions.purge(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("Deleted {} sessions that ended more than {} ago", deleted, retention);
        }
        return deleted;
    }
}
