package io.polyclinic.platform.outbox;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by an {@link OutboxSender} when its destination refused some messages of a batch for good (a Kafka record
 * over the size limit, a topic the service may not write, an invalid topic name): retrying them can never succeed,
 * so the relay marks them dead with the reason instead of letting them block their destination.
 *
 * <p>When {@link #transientFailure()} is {@code null}, every other message of the batch was acknowledged; otherwise
 * the others may not have been delivered and stay pending for the next attempt.
 */
public class RejectedMessagesException extends Exception {

    private final Map<UUID, String> rejected;
    private final @Nullable Exception transientFailure;

    /**
     * @param rejected the refused messages' ids with the reason of each (non-empty, iteration in batch order)
     * @param transientFailure a failure of other messages that may pass, or {@code null} when all others were sent
     */
    public RejectedMessagesException(Map<UUID, String> rejected, @Nullable Exception transientFailure) {
        super(
                rejected.size() + " message(s) refused for good: "
                        + rejected.values().iterator().next(),
                transientFailure);
        this.rejected = Map.copyOf(rejected);
        this.transientFailure = transientFailure;
    }

    /** The refused messages' ids, each with the destination's reason. */
    public Map<UUID, String> rejected() {
        return rejected;
    }

    /** Why the other messages were not (all) delivered, or {@code null} when they were. */
    public @Nullable Exception transientFailure() {
        return transientFailure;
    }
}
