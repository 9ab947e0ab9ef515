package io.polyclinic.notifier.event;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * An appointment event (AppointmentBooked, -Cancelled, -Rescheduled, -Completed) as the notifier needs it: the
 * envelope's id and type, plus the fields of {@code data} it uses. Unknown fields of the event are ignored.
 *
 * @param eventId the envelope id: one email at most per event id
 * @param kind which change happened
 * @param occurredAt when booking recorded the change
 * @param locale the patient's language: {@code ru} or {@code en} (anything else is read as {@code en})
 * @param clinicTimeZone the zone times are shown in
 * @param cancelReason the reason given, or {@code null}
 * @param cancelledBy {@code PATIENT}, {@code STAFF} or {@code null}
 * @param previousStart where a rescheduled appointment was before, or {@code null}
 */
public record AppointmentEvent(
        UUID eventId,
        Kind kind,
        Instant occurredAt,
        UUID appointmentId,
        String doctorName,
        String clinicName,
        String clinicAddress,
        ZoneId clinicTimeZone,
        String patientEmail,
        Locale locale,
        Instant start,
        Instant end,
        String cancelReason,
        String cancelledBy,
        Instant previousStart) {

    /** The appointment event types, by their envelope {@code type}. */
    public enum Kind {
        BOOKED("AppointmentBooked"),
        CANCELLED("AppointmentCancelled"),
        RESCHEDULED("AppointmentRescheduled"),
        COMPLETED("AppointmentCompleted");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The envelope {@code type}. */
        public String type() {
            return type;
        }

        /** The kind for an envelope type, or {@code null} for any other type. */
        public static Kind ofType(String type) {
            for (var kind : values()) {
                if (kind.type.equals(type)) {
                    return kind;
                }
            }
            return null;
        }
    }
}
