package io.polyclinic.booking.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/doctors/{id}/reviews}: {@code {"appointmentId","rating","text"}}.
 *
 * @param appointmentId the caller's COMPLETED appointment with this doctor
 * @param rating 1..5
 * @param text optional, at most 2000 characters; blank counts as none
 */
public record ReviewRequest(
        @NotNull UUID appointmentId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 2000) String text) {}
