package io.polyclinic.booking.appointment;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/v1/appointments/{id}/reschedule}: {@code {"slotId":"..."}}, the new slot. */
public record RescheduleRequest(@NotNull UUID slotId) {}
