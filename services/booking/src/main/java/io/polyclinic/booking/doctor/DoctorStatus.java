package io.polyclinic.booking.doctor;

/** Whether a doctor takes appointments: only ACTIVE doctors can be booked. */
public enum DoctorStatus {
    ACTIVE,
    ON_LEAVE,
    INACTIVE
}
