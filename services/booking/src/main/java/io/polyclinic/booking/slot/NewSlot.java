package io.polyclinic.booking.slot;

import java.time.Instant;
import java.util.UUID;

/** A slot to be created, AVAILABLE. */
public record NewSlot(UUID id, UUID doctorId, UUID clinicId, Instant start, Instant end) {}
