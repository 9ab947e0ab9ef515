package io.polyclinic.booking.slot;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /api/v1/admin/doctors/{id}/slots}: {@code {"clinicId","start","end"}}, instants with offset. */
public record SlotRequest(
        @NotNull UUID clinicId,
        @NotNull Instant start,
        @NotNull Instant end) {}
