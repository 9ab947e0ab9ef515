package io.polyclinic.booking.appointment;

/** BOOKED is live; CANCELLED frees the slot; COMPLETED and NO_SHOW are outcomes after the visit. */
public enum AppointmentStatus {
    BOOKED,
    CANCELLED,
    COMPLETED,
    NO_SHOW
}
