package io.polyclinic.identity.auth;

import io.polyclinic.identity.event.IdentityEvents;
import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.password.WeakPasswordException;
import io.polyclinic.identity.ratelimit.LoginRateLimiter;
import io.polyclinic.identity.user.UserService;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user changes their own password (decision 0056): the current password is checked under the same limits as a
 * login, the new one against the registration policy; the new hash replaces the old, and every other session of the
 * user ends with a {@code SessionRevoked} each, so a thief who knew the old password is out within seconds everywhere.
 * The caller's own session (and its tokens) stays valid.
 */
@Service
public class PasswordChangeService {

    private final UserService users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginRateLimiter rateLimiter;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditTrail audit;
    private final IdentityEvents events;

    public PasswordChangeService(
            UserService users,
            SessionRepository sessions,
            PasswordHasher hasher,
            LoginRateLimiter rateLimiter,
            TransactionTemplate transactions,
            Clock clock,
            AuditTrail audit,
            IdentityEvents events) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Changes the password of the caller. Audited: {@code PASSWORD_CHANGED} with the number of other sessions ended,
     * or {@code PASSWORD_CHANGE_FAILED} for a wrong current password.
     *
     * @param sessionId the caller's session (the access token's {@code sid}), kept open
     * @throws SessionEndedException (401) when the caller's session has ended
     * @throws io.polyclinic.platform.problem.TooManyRequestsException (429) past the login limits of the account or IP
     * @throws WrongPasswordException (400, field {@code currentPassword}) when the current password is wrong
     * @throws InvalidRequestException (400, field {@code newPassword}) when the new one breaks the policy or is the
     *     current one
     */
    public void change(UUID userId, UUID sessionId, String currentPassword, String newPassword, ClientInfo client) {
        if (sessionId == null || !sessions.isActive(userId, sessionId, clock.instant())) {
            throw new SessionEndedException();
        }
        var user = users.get(userId);
        rateLimiter.acquire(user.email(), client.ip());
        if (!hasher.matches(currentPassword, user.passwordHash())) {
            transactions.executeWithoutResult(status -> audit.record(new AuditEntry(
                    userId, "PASSWORD_CHANGE_FAILED", "user", userId.toString(), Map.of("reason", "WRONG_PASSWORD"))));
            throw new WrongPasswordException();
        }
        if (currentPassword.equals(newPassword)) {
            throw new InvalidRequestException("newPassword", "The new password must differ from the current one.");
        }
        String newHash;
        try {
            newHash = users.hashNewPassword(newPassword);
        } catch (WeakPasswordException e) {
            throw new InvalidRequestException("newPassword", e.getMessage());
        }
        transactions.executeWithoutResult(status -> {
            if (!users.replacePasswordHash(user, newHash)) {
                // changed by a concurrent request meanwhile: the password typed is no longer the current one
                throw new WrongPasswordException();
            }
            var reason = RevocationReason.PASSWORD_CHANGED;
            var ended = sessions.revokeAllBut(userId, sessionId, reason, clock.instant());
            ended.forEach(id -> events.sessionRevoked(id, userId, reason.name()));
            audit.record(new AuditEntry(
                    userId, "PASSWORD_CHANGED", "user", userId.toString(), Map.of("sessionsRevoked", ended.size())));
        });
    }
}
