package io.polyclinic.platform.security.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations a service knows of, in memory: revoked session ids ({@code sid} claim) and per user ({@code sub}
 * claim) the instant before which every token was revoked. Each entry is forgotten once no token it concerns can
 * still be valid: {@code retention} (the longest token lifetime plus clock skew) after the revocation. Thread-safe:
 * the Kafka consumer writes while request threads read.
 */
public final class RevokedTokens {

    private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;

    /** @param retention how long after a revocation its entry is kept */
    public RevokedTokens(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** Revokes every token of the session, as of {@code revokedAt}; an entry already past retention is ignored. */
    public void revokeSession(String sessionId, Instant revokedAt) {
        if (isCurrent(revokedAt)) {
            revokedSessions.merge(sessionId, revokedAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Revokes every token of the user issued before {@code notBefore} (whole seconds, like {@code iat}); the latest
     * instant wins. An entry already past retention is ignored.
     */
    public void revokeUserTokens(String userId, Instant notBefore) {
        if (isCurrent(notBefore)) {
            this.notBefore.merge(userId, notBefore, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Whether a token is revoked: its session was revoked, or it was issued before its user's {@code notBefore}.
     *
     * @param sessionId the {@code sid} claim, or null
     * @param userId the {@code sub} claim, or null
     * @param issuedAt the {@code iat} claim, or null (then only the session is checked)
     */
    public boolean isRevoked(String sessionId, String userId, Instant issuedAt) {
        if (sessionId != null && revokedSessions.containsKey(sessionId)) {
            return true;
        }
        if (userId == null || issuedAt == null) {
            return false;
        }
        var limit = notBefore.get(userId);
        return limit != null && issuedAt.isBefore(limit);
    }

    /** Forgets the entries older than the retention. */
    public void purge() {
        var oldest = clock.instant().minus(retention);
        revokedSessions.values().removeIf(at -> at.isBefore(oldest));
        notBefore.values().removeIf(at -> at.isBefore(oldest));
    }

    /** How many entries are kept (revoked sessions plus users with a {@code notBefore}). */
    public int size() {
        return revokedSessions.size() + notBefore.size();
    }

    private boolean isCurrent(Instant at) {
        return !at.isBefore(clock.instant().minus(retention));
    }
}
