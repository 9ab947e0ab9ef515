package io.polyclinic.platform.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of a service's transactional outbox, as the relay hands it to an {@link OutboxSender}.
 *
 * @param id the message id (UUIDv7); for events it is also the event envelope's {@code id}, so consumers dedupe by it
 * @param destination where the relay sends it: a Kafka topic such as {@code booking.events}, or {@code audit}
 * @param key the ordering key (Kafka record key; messages with one key are sent in {@code id} order)
 * @param type the message type, e.g. {@code AppointmentBooked} or {@code AuditRecord}
 * @param payload the JSON document to send (for Kafka topics: the whole event envelope)
 * @param createdAt when the row was written, in the transaction of the change it describes
 */
public record OutboxMessage(UUID id, String destination, String key, String type, String payload, Instant createdAt) {}
