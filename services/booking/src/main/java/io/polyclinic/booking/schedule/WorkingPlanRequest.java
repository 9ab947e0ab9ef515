package io.polyclinic.booking.schedule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/admin/doctors/{id}/working-plans}:
 * {@code {"clinicId","from":"2026-12-01","to":"2026-12-14","days":["MONDAY"],"startTime":"09:00","endTime":"18:00",
 * "breaks":[{"start":"13:00","end":"14:00"}],"slotMinutes":30}}; dates and times are local to the clinic.
 */
public record WorkingPlanRequest(
        @NotNull UUID clinicId,
        @NotNull LocalDate from,
        @NotNull LocalDate to,
        @NotEmpty @Size(max = 7) List<@NotNull DayOfWeek> days,
        @NotNull LocalTime startTime,
        @NotNull LocalTime endTime,
        @Size(max = 10) List<@NotNull @Valid Break> breaks,
        @NotNull @Min(5) @Max(480) Integer slotMinutes) {

    /** A break within the working day, local times. */
    public record Break(@NotNull LocalTime start, @NotNull LocalTime end) {}
}
