package io.polyclinic.notifier.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The envelope every event on {@code booking.events} carries (docs/architecture.md): {@code id} (UUID, the dedupe key),
 * {@code type}, {@code occurredAt}, {@code source}, {@code version} and the type-specific {@code data}.
 *
 * @param data the raw {@code data} object, read per type by {@link BookingEventParser}
 */
public record EventEnvelope(UUID id, String type, Instant occurredAt, String source, int version, JsonNode data) {}
