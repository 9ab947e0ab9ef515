package io.polyclinic.booking.appointment;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment, with its doctor's and clinic's names for display.
 *
 * <p>JSON: {@code {"id","slotId","doctorId","patientId","clinicId","start","end","status","createdAt",
 * "cancelledAt","cancelReason","cancelledBy","doctorName","clinicName","clinicTimeZone"}}.
 *
 * @param patientId the patient's user id (token {@code sub})
 * @param cancelledBy the user id of whoever cancelled, or null
 */
public record Appointment(
        UUID id,
        UUID slotId,
        UUID doctorId,
        UUID patientId,
        UUID clinicId,
        Instant start,
        Instant end,
        AppointmentStatus status,
        Instant createdAt,
        Instant cancelledAt,
        String cancelReason,
        UUID cancelledBy,
        String doctorName,
        String clinicName,
        String clinicTimeZone) {}
