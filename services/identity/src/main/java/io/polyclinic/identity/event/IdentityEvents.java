package io.polyclinic.identity.event;

import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.events.SessionRevokedData;
import io.polyclinic.contracts.events.UserTokensRevokedData;
import io.polyclinic.platform.outbox.Outbox;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Identity's events: each is appended to the outbox in the transaction of the change it describes, so it is
 * published on {@code identity.events} (record key: the user id) if and only if that transaction commits.
 */
@Component
public class IdentityEvents {

    /** The {@code source} of identity's event envelopes. */
    public static final String SOURCE = "identity";

    private final Outbox outbox;
    private final Clock clock;

    public IdentityEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Appends an event in the current transaction.
     *
     * @param type one of identity's {@link EventTypes}, e.g. {@link EventTypes#USER_REGISTERED}
     * @param userId the user the event is about: the record key
     * @param data the type's data record from {@code io.polyclinic.contracts.events}
     * @return the event id
     * @throws IllegalStateException outside a transaction
     */
    public UUID publish(String type, UUID userId, Object data) {
        return outbox.appendEvent(EventTypes.IDENTITY_TOPIC, userId.toString(), type, SOURCE, clock.instant(), data);
    }

    /**
     * Appends SessionRevoked in the current transaction: once it commits, every service refuses the session's access
     * tokens within seconds (decision 0026).
     *
     * @param reason why, e.g. {@code LOGOUT}
     * @throws IllegalStateException outside a transaction
     */
    public UUID sessionRevoked(UUID sessionId, UUID userId, String reason) {
        return publish(EventTypes.SESSION_REVOKED, userId, new SessionRevokedData(sessionId, userId, reason));
    }

    /**
     * Appends UserTokensRevoked in the current transaction: once it commits, every service refuses the user's access
     * tokens issued before now (whole seconds), so the user's next refresh carries the current roles and scope. Call
     * it in the transaction of any change that a token's claims reflect (roles, clinic assignments) or that ends all
     * of the user's sessions.
     *
     * @param reason why, e.g. {@code ROLES_CHANGED}
     * @throws IllegalStateException outside a transaction
     */
    public UUID userTokensRevoked(UUID userId, String reason) {
        var notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return publish(EventTypes.USER_TOKENS_REVOKED, userId, new UserTokensRevokedData(userId, notBefore, reason));
    }
}
