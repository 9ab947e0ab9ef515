package io.polyclinic.notifier.appointment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * The notifier's copy of an appointment, as the latest booking event described it.
 *
 * @param icsSequence the iCalendar SEQUENCE of the last invitation sent for it
 * @param reminderDueAt when the reminder is due, or {@code null} when none will be sent
 * @param reminderSentAt when the reminder was recorded for sending, or {@code null}
 */
public record Appointment(
        UUID id,
        String patientEmail,
        Locale locale,
        String doctorName,
        String clinicName,
        String clinicAddress,
        ZoneId clinicTimeZone,
        Instant start,
        Instant end,
        AppointmentStatus status,
        int icsSequence,
        Instant reminderDueAt,
        Instant reminderSentAt) {}
