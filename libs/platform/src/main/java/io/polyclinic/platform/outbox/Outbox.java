package io.polyclinic.platform.outbox;

import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends messages to the service's transactional outbox: a row written in the CURRENT transaction, so it exists if
 * and only if the change it describes commits. The {@link OutboxRelay} sends it later (at least once, in {@code id}
 * order per destination) and marks it published.
 *
 * <p>Destinations: a Kafka topic ({@code booking.events}, {@code identity.events}) holds whole event envelopes;
 * {@code audit} holds audit records (the audit package's {@code AuditTrail} writes them).
 */
public class Outbox {

    private static final int MAX_DESTINATION = 200;
    private static final int MAX_KEY = 200;
    private static final int MAX_TYPE = 100;

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final OutboxMetrics metrics;
    private final @Nullable TraceContextCarrier trace;

    /**
     * @param trace captures the current span's {@code traceparent} into every row; {@code null} when the service
     *     has no tracing (rows then carry none)
     */
    public Outbox(
            OutboxRepository repository, JsonMapper json, OutboxMetrics metrics, @Nullable TraceContextCarrier trace) {
        this.repository = repository;
        this.json = json;
        this.metrics = metrics;
        this.trace = trace;
    }

    /**
     * Appends a message with a fresh id (UUIDv7).
     *
     * @return the message id
     * @see #append(UUID, String, String, String, Object)
     */
    public UUID append(String destination, String key, String type, Object payload) {
        var id = Ids.newId();
        append(id, destination, key, type, payload);
        return id;
    }

    /**
     * Appends a domain event, wrapped in its envelope ({@link EventEnvelope}: {@code id}, {@code type},
     * {@code occurredAt}, {@code source}, {@code version}, {@code data}), to a Kafka topic.
     *
     * @param topic the Kafka topic, e.g. {@code booking.events}
     * @param key the record key that keeps one aggregate's events in order, e.g. the doctor id
     * @param type the event type, e.g. {@code AppointmentBooked}
     * @param source the publishing service, e.g. {@code booking}
     * @param data the type's data record from {@code io.polyclinic.contracts.events}
     * @return the event id (UUIDv7), also the message id, so consumers dedupe by it
     * @throws IllegalStateException outside a transaction
     */
    public UUID appendEvent(String topic, String key, String type, String source, Instant occurredAt, Object data) {
        var id = Ids.newId();
        append(id, topic, key, type, EventEnvelope.of(id, type, occurredAt, source, data));
        return id;
    }

    /**
     * Appends a message in the current transaction, with the current span's W3C {@code traceparent} (if any), so the
     * sender can continue the request's trace when it relays the row later from its own thread.
     *
     * @param id the message id; for an event, the envelope's id (so consumers dedupe by it)
     * @param destination a Kafka topic or {@code audit}; 1..200 characters
     * @param key the ordering key (Kafka record key), e.g. the doctor id; 1..200 characters
     * @param type the message type, e.g. {@code AppointmentBooked}; 1..100 characters
     * @param payload any object Jackson serializes (a record, a map, a {@code JsonNode}): the JSON that is sent
     * @throws IllegalStateException when no transaction is active (the row would be committed on its own, and a
     *     message could be published for a change that is rolled back)
     * @throws IllegalArgumentException for a blank or too long destination, key or type, or a null payload
     */
    public void append(UUID id, String destination, String key, String type, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append needs the transaction of the change it describes");
        }
        check("destination", destination, MAX_DESTINATION);
        check("key", key, MAX_KEY);
        check("type", type, MAX_TYPE);
        if (id == null || payload == null) {
            throw new IllegalArgumentException("An outbox message needs an id and a payload");
        }
        var traceparent = trace == null ? null : trace.currentTraceparent();
        repository.insert(id, destination, key, type, json.writeValueAsString(payload), traceparent);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.appended(destination);
            }
        });
    }

    private static void check(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("An outbox " + name + " has 1.." + max + " characters: " + value);
        }
    }
}
