package io.polyclinic.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of AppointmentBooked, AppointmentCancelled, AppointmentRescheduled and AppointmentCompleted: everything a
 * notifier needs to write to the patient without calling booking back.
 *
 * @param appointmentId the appointment
 * @param slotId its (current) slot
 * @param doctorId the doctor (also the record key)
 * @param doctorName the doctor's full name
 * @param clinicId the clinic
 * @param clinicName the clinic's name
 * @param clinicAddress the clinic's street address
 * @param clinicTimeZone the clinic's IANA time zone, e.g. {@code Europe/Moscow}: local times are shown in it
 * @param patientId the patient's user id
 * @param patientEmail the patient's email (the JWT {@code email} claim at booking time)
 * @param locale the patient's language, {@code ru} or {@code en} (their {@code Accept-Language} at booking time)
 * @param start the start, an instant
 * @param end the end, an instant
 * @param status the appointment status after the change: {@code BOOKED|CANCELLED|COMPLETED|NO_SHOW}
 * @param cancelReason the reason given, or {@code null} unless cancelled
 * @param cancelledBy {@code PATIENT} or {@code STAFF} when cancelled, else {@code null}
 * @param previousSlotId the slot before a reschedule, else {@code null}
 * @param previousStart the start before a reschedule, else {@code null}
 * @param previousEnd the end before a reschedule, else {@code null}
 */
public record AppointmentEventData(
        UUID appointmentId,
        UUID slotId,
        UUID doctorId,
        String doctorName,
        UUID clinicId,
        String clinicName,
        String clinicAddress,
        String clinicTimeZone,
        UUID patientId,
        String patientEmail,
        String locale,
        Instant start,
        Instant end,
        String status,
        String cancelReason,
        String cancelledBy,
        UUID previousSlotId,
        Instant previousStart,
        Instant previousEnd) {}
