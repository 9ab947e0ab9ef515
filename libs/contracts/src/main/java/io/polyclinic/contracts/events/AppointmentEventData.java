package io.polyclinic.contracts.events;

import java.time.Instant;
import java.util.List;
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
 * @param trackerSessionId the web-analytics tracker's session id of the visit the booking was made from
 *     ({@code [A-Za-z0-9_-]}, 1..64 characters), or {@code null}: set only on AppointmentBooked, and only when the
 *     booking page passed it on. Added after version 1 without raising it (an optional field, see
 *     {@link #OPTIONAL_FIELDS}): events written before it lack it, and consumers must read its absence as
 *     {@code null}
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
        Instant previousEnd,
        String trackerSessionId) {

    /**
     * The fields added after version 1 of the four appointment events: documented in their schemas but not required,
     * so events written before them stay valid.
     */
    public static final List<String> OPTIONAL_FIELDS = List.of("trackerSessionId");

    /** This data with the given tracker session id ({@code null} for none). */
    public AppointmentEventData withTrackerSessionId(String sessionId) {
        return new AppointmentEventData(
                appointmentId,
                slotId,
                doctorId,
                doctorName,
                clinicId,
                clinicName,
                clinicAddress,
                clinicTimeZone,
                patientId,
                patientEmail,
                locale,
                start,
                end,
                status,
                cancelReason,
                cancelledBy,
                previousSlotId,
                previousStart,
                previousEnd,
                sessionId);
    }
}
