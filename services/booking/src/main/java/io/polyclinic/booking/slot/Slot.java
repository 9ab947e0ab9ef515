package io.polyclinic.booking.slot;

import java.time.Instant;
import java.util.UUID;

/** A bookable time of a doctor in a clinic, {@code [start, end)}; JSON {@code {"id","doctorId","clinicId","start","end","status"}}. */
public record Slot(UUID id, UUID doctorId, UUID clinicId, Instant start, Instant end, SlotStatus status) {}
