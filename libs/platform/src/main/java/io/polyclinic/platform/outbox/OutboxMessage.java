package io.polyclinic.platform.outbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of a service's transactional outbox, as the relay hands it to an {@link OutboxSender}.
 *
 * @param id the message id (UUIDv7); for events it is also the event envelope's {@code id}, so consumers dedupe by it
 * @param destination where the relay sends it: a Kafka topic such as {@code booking.events}, or {@code audit}
 * @param key the ordering key (Kafka record key; messages with one key are sent in {@code id} order)
 * @param type the message type, e.g. {@code AppointmentBooked} or {@code AuditRecord}
 * @param payload the JSON document to send (for Kafka topics: the whole event envelope)
 * @param createdAt when the row was written, in the transaction of the change it describes
 * @param traceparent the W3C {@code traceparent} of the span that wrote the row (55 characters), or {@code null} when
 *     tracing was off or no span was current; senders pass it on so the receiver continues that trace
 */
public record OutboxMessage(
        UUID id,
        String destination,
        String key,
        String type,
        String payload,
        Instant createdAt,
        @Nullable String traceparent) {}
