package io.polyclinic.booking.appointment;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/appointments/{id}/cancel}: {@code {"reason":"..."}}, required for staff. */
public record CancelRequest(@Size(max = 500) String reason) {}
