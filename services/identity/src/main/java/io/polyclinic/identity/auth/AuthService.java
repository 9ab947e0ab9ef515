package io.polyclinic.identity.auth;

import io.polyclinic.identity.config.IdentityProperties;
import io.polyclinic.identity.event.IdentityEvents;
import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.ratelimit.LoginRateLimiter;
import io.polyclinic.identity.token.AccessTokenIssuer;
import io.polyclinic.identity.token.RefreshTokens;
import io.polyclinic.identity.user.User;
import io.polyclinic.identity.user.UserService;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login, refresh-token rotation with reuse detection, logout and the session list (docs/product.md S1).
 *
 * <p>A login opens a session; each refresh exchanges the session's current refresh token for a new one (OAuth 2.0
 * Security BCP, RFC 9700 §4.14.2). Presenting a token that was already exchanged means two parties hold the family:
 * the whole session is revoked, so the thief's and the victim's newest tokens both stop working. A session ends at the
 * latest {@code polyclinic.identity.sessions.absolute-lifetime} after its login.
 *
 * <p>Every revocation appends an event in the transaction of the change (decision 0026): {@code SessionRevoked} for
 * logout, session revocation and refresh-token reuse, {@code UserTokensRevoked} for logout everywhere; every service
 * then refuses the access tokens concerned within seconds instead of when they expire.
 */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserService users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginRateLimiter rateLimiter;
    private final AccessTokenIssuer accessTokens;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration refreshTokenTtl;
    private final Duration absoluteLifetime;
    private final AuditTrail audit;
    private final IdentityEvents events;

    public AuthService(
            UserService users,
            SessionRepository sessions,
            PasswordHasher hasher,
            LoginRateLimiter rateLimiter,
            AccessTokenIssuer accessTokens,
            TransactionTemplate transactions,
            Clock clock,
            IdentityProperties properties,
            AuditTrail audit,
            IdentityEvents events) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.accessTokens = accessTokens;
        this.transactions = transactions;
        this.clock = clock;
        this.refreshTokenTtl = properties.tokens().refreshTokenTtl();
        this.absoluteLifetime = properties.sessions().absoluteLifetime();
        this.audit = audit;
        this.events = events;
    }

    /**
     * Checks the credentials and opens a session. A stored hash of a lower BCrypt cost than the configured one is
     * replaced with one of the configured cost. Audited: {@code LOGIN_SUCCEEDED} with the session, or
     * {@code LOGIN_FAILED} (rate-limited attempts are not: an attacker could flood the log with them).
     *
     * @throws io.polyclinic.platform.problem.TooManyRequestsException (429) past the (account, IP), per-account or
     *     per-IP limit
     * @throws InvalidCredentialsException (401) for an unknown email or a wrong password, answered alike and in
     *     about the same time
     */
    public TokenPair login(String email, String password, ClientInfo client) {
        rateLimiter.acquire(email, client.ip());
        var found = users.findByEmail(email);
        if (found.isEmpty()) {
            hasher.matchNothing(password);
            recordFailedLogin(null);
            throw new InvalidCredentialsException();
        }
        var user = found.get();
        if (!hasher.matches(password, user.passwordHash())) {
            recordFailedLogin(user.id());
            throw new InvalidCredentialsException();
        }
        users.upgradePasswordHashIfNeeded(user, password);
        var now = clock.instant();
        var session = new Session(
                Ids.newId(), user.id(), now, now, refreshTokenExpiry(now, now), client.userAgent(), client.ip());
        var refreshToken = RefreshTokens.generate();
        transactions.executeWithoutResult(status -> {
            sessions.insertSession(session);
            sessions.insertRefreshToken(RefreshTokens.hash(refreshToken), session.id(), now, session.expiresAt());
            audit.record(new AuditEntry(
                    user.id(),
                    "LOGIN_SUCCEEDED",
                    "user",
                    user.id().toString(),
                    Map.of("sessionId", session.id().toString())));
        });
        return pair(user, session.id(), refreshToken);
    }

    /**
     * A failed login changes nothing, so its audit entry gets a short transaction of its own. The caller is
     * anonymous. For a known account the entity is that user; for an unknown email nothing of what was typed is
     * kept (it may be someone else's address, or a password typed into the wrong field): the time, client IP and
     * request id that the audit trail adds identify the attempt.
     */
    private void recordFailedLogin(UUID userId) {
        var entry = userId == null
                ? new AuditEntry(null, "LOGIN_FAILED", "user", null, Map.of("reason", "UNKNOWN_EMAIL"))
                : new AuditEntry(null, "LOGIN_FAILED", "user", userId.toString(), Map.of("reason", "WRONG_PASSWORD"));
        transactions.executeWithoutResult(status -> audit.record(entry));
    }

    /**
     * Exchanges a current refresh token for a new pair carrying the user's current roles. The new refresh token
     * expires after the refresh-token lifetime, but never after the session's absolute end (its login plus
     * {@code polyclinic.identity.sessions.absolute-lifetime}).
     *
     * @throws InvalidRefreshTokenException (401) when the token is unknown, expired, already used (which also
     *     revokes its session), its session was revoked or has outlived its absolute lifetime
     */
    public TokenPair refresh(String refreshToken) {
        var hash = RefreshTokens.hash(refreshToken);
        var newToken = RefreshTokens.generate();
        var rotated = transactions.execute(status -> {
            var now = clock.instant();
            var rotation = sessions.rotate(hash, now, now.minus(absoluteLifetime));
            if (rotation.isPresent()) {
                var sessionId = rotation.get().sessionId();
                var expiresAt = refreshTokenExpiry(rotation.get().createdAt(), now);
                sessions.insertRefreshToken(RefreshTokens.hash(newToken), sessionId, now, expiresAt);
                sessions.touch(sessionId, now, expiresAt);
                return rotation.get();
            }
            sessions.findToken(hash)
                    .filter(state -> state.rotated() && !state.sessionRevoked())
                    .ifPresent(state -> {
                        log.warn(
                                "Refresh token reuse in session {}: revoking the session as possibly stolen",
                                state.sessionId());
                        sessions.revoke(state.sessionId(), RevocationReason.REFRESH_TOKEN_REUSE, now);
                        events.sessionRevoked(
                                state.sessionId(), state.userId(), RevocationReason.REFRESH_TOKEN_REUSE.name());
                        audit.record(new AuditEntry(
                                null,
                                "SESSION_REVOKED",
                                "session",
                                state.sessionId().toString(),
                                Map.of("reason", RevocationReason.REFRESH_TOKEN_REUSE.name())));
                    });
            return null;
        });
        if (rotated == null) {
            throw new InvalidRefreshTokenException();
        }
        var user = users.find(rotated.userId()).orElseThrow(InvalidRefreshTokenException::new);
        return pair(user, rotated.sessionId(), newToken);
    }

    /** Ends the caller's current session; harmless when it already ended or is unknown. */
    public void logout(UUID userId, UUID sessionId) {
        if (sessionId != null) {
            transactions.executeWithoutResult(status -> {
                if (sessions.revoke(userId, sessionId, RevocationReason.LOGOUT, clock.instant())) {
                    audit.record(new AuditEntry(userId, "LOGOUT", "session", sessionId.toString(), Map.of()));
                    events.sessionRevoked(sessionId, userId, RevocationReason.LOGOUT.name());
                }
            });
        }
    }

    /**
     * Ends every session of the caller. Each session ended gets its own {@code SessionRevoked}, then the user a
     * {@code UserTokensRevoked}: the latter has whole-second precision, so an access token issued in the very second
     * of the logout would outlive it without the former (decision 0056).
     *
     * @throws SessionEndedException (401) when the caller's own session has already ended
     */
    public void logoutEverywhere(UUID userId, UUID currentSessionId) {
        requireActive(userId, currentSessionId);
        transactions.executeWithoutResult(status -> {
            var revoked = sessions.revokeAllBut(userId, null, RevocationReason.LOGOUT_ALL, clock.instant());
            revoked.forEach(id -> events.sessionRevoked(id, userId, RevocationReason.LOGOUT_ALL.name()));
            audit.record(new AuditEntry(
                    userId, "LOGOUT_ALL", "user", userId.toString(), Map.of("sessionsRevoked", revoked.size())));
            events.userTokensRevoked(userId, RevocationReason.LOGOUT_ALL.name());
        });
    }

    /**
     * Ends one of the caller's sessions; idempotent for one already ended.
     *
     * @throws SessionEndedException (401) when the caller's own session has already ended
     * @throws SessionNotFoundException (404) when the caller has no session with this id
     */
    public void revokeSession(UUID userId, UUID currentSessionId, UUID sessionId) {
        requireActive(userId, currentSessionId);
        transactions.executeWithoutResult(status -> {
            if (sessions.revoke(userId, sessionId, RevocationReason.REVOKED_BY_USER, clock.instant())) {
                audit.record(new AuditEntry(
                        userId,
                        "SESSION_REVOKED",
                        "session",
                        sessionId.toString(),
                        Map.of("reason", RevocationReason.REVOKED_BY_USER.name())));
                events.sessionRevoked(sessionId, userId, RevocationReason.REVOKED_BY_USER.name());
            } else if (!sessions.exists(userId, sessionId)) {
                throw new SessionNotFoundException(sessionId);
            }
        });
    }

    /**
     * One page of the caller's active sessions, newest first.
     *
     * @throws SessionEndedException (401) when the caller's own session has already ended
     */
    public PageResponse<Session> activeSessions(UUID userId, UUID currentSessionId, PageQuery query) {
        requireActive(userId, currentSessionId);
        Instant now = clock.instant();
        return PageResponse.of(sessions.active(userId, now, query), query, sessions.countActive(userId, now));
    }

    /**
     * Access tokens outlive a logout by up to their lifetime; session management refuses those whose session ended.
     */
    private void requireActive(UUID userId, UUID sessionId) {
        if (sessionId == null || !sessions.isActive(userId, sessionId, clock.instant())) {
            throw new SessionEndedException();
        }
    }

    /**
     * A new refresh token's expiry: the sliding refresh-token lifetime, never past the session's absolute end.
     *
     * @param sessionCreatedAt the session's login
     */
    private Instant refreshTokenExpiry(Instant sessionCreatedAt, Instant now) {
        var sliding = now.plus(refreshTokenTtl);
        var absoluteEnd = sessionCreatedAt.plus(absoluteLifetime);
        return sliding.isBefore(absoluteEnd) ? sliding : absoluteEnd;
    }

    private TokenPair pair(User user, UUID sessionId, String refreshToken) {
        var access = accessTokens.issue(user.id(), user.email(), user.roleNames(), user.tokenClinicIds(), sessionId);
        return TokenPair.bearer(access.value(), refreshToken, access.expiresInSeconds());
    }
}
