package io.polyclinic.booking.appointment;

import java.time.Instant;
import java.util.UUID;

/**
 * One appointment on a clinic's day list, as clinic staff see it:
 * {@code {"id","slotId","doctorId","doctorName","patientId","patientEmail","start","end","status"}}.
 *
 * @param patientEmail the address the patient booked with (notifications go there), or null when unknown
 */
public record ClinicAppointment(
        UUID id,
        UUID slotId,
        UUID doctorId,
        String doctorName,
        UUID patientId,
        String patientEmail,
        Instant start,
        Instant end,
        AppointmentStatus status) {}
