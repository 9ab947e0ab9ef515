package io.polyclinic.booking.appointment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/appointments}: {@code {"slotId":"...","trackerSessionId":"..."}}.
 *
 * @param slotId the slot to book
 * @param trackerSessionId optional: the web-analytics tracker's session id of the visit the patient booked from
 *     ({@code [A-Za-z0-9_-]}, 1..64 characters), passed on in AppointmentBooked so the clinic's site sees which
 *     referrer or campaign brought the booking; {@code null} or absent when the booking did not come from a tracked
 *     visit
 */
public record BookingRequest(
        @NotNull UUID slotId,
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String trackerSessionId) {

    /** A booking that did not come from a tracked visit. */
    public BookingRequest(UUID slotId) {
        this(slotId, null);
    }
}
