package io.polyclinic.booking.shared;

/** Whether a doctor takes appointments: only ACTIVE doctors can be booked. */
public enum DoctorStatus {
    ACTIVE,
    ON_LEAVE,
    INACTIVE
}
