package io.polyclinic.identity.event;

import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.outbox.Outbox;
import java.time.Clock;
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
     * @param type {@link EventTypes#USER_REGISTERED} or {@link EventTypes#USER_ROLES_CHANGED}
     * @param userId the user the event is about: the record key
     * @param data the type's data record from {@code io.polyclinic.contracts.events}
     * @return the event id
     * @throws IllegalStateException outside a transaction
     */
    public UUID publish(String type, UUID userId, Object data) {
        return outbox.appendEvent(EventTypes.IDENTITY_TOPIC, userId.toString(), type, SOURCE, clock.instant(), data);
    }
}
