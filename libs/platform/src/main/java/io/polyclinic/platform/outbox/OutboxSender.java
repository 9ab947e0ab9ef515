package io.polyclinic.platform.outbox;

import java.util.List;

/**
 * Delivers outbox messages of one destination family. The relay calls {@link #send} with messages in {@code id}
 * order and marks them published only when it returns normally; a thrown exception leaves them pending for the
 * next attempt (at-least-once).
 */
public interface OutboxSender {

    /** Whether this sender delivers messages for {@code destination} (e.g. {@code "audit"}, or any Kafka topic). */
    boolean supports(String destination);

    /**
     * Sends the messages, all of one destination, in order; returns only when every one is acknowledged.
     *
     * @throws Exception when any message could not be delivered; none is marked published
     */
    void send(List<OutboxMessage> messages) throws Exception;
}
