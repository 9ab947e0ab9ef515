package io.polyclinic.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on a Kafka topic (docs/architecture.md "Event flow"), serialized as JSON:
 * {@code {"id","type","occurredAt","source","version","data"}}. The JSON Schema of each type is
 * {@code events/<type>.schema.json} in this module's resources.
 *
 * @param id the event id (UUIDv7, also the producer's outbox message id); consumers dedupe by it
 * @param type the event type, one of {@link EventTypes}
 * @param occurredAt when the change happened (the producer's transaction), an ISO-8601 instant
 * @param source the producing service: {@code booking}, {@code identity}, ...
 * @param version the version of {@code data}'s shape for this type; starts at 1, raised on incompatible changes
 * @param data the type's payload record
 * @param <T> the payload type
 */
public record EventEnvelope<T>(UUID id, String type, Instant occurredAt, String source, int version, T data) {

    /** The version every event type has today. */
    public static final int CURRENT_VERSION = 1;

    /** An envelope of version {@link #CURRENT_VERSION}. */
    public static <T> EventEnvelope<T> of(UUID id, String type, Instant occurredAt, String source, T data) {
        return new EventEnvelope<>(id, type, occurredAt, source, CURRENT_VERSION, data);
    }
}
