package io.polyclinic.booking.appointment;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/v1/appointments}: {@code {"slotId":"..."}}. */
public record BookingRequest(@NotNull UUID slotId) {}
