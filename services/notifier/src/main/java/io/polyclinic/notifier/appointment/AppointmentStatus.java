package io.polyclinic.notifier.appointment;

/** An appointment's state as far as emails go. */
public enum AppointmentStatus {
    BOOKED,
    CANCELLED,
    COMPLETED
}
