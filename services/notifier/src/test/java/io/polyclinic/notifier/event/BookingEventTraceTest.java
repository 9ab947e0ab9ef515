package io.polyclinic.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.notifier.NotifierTest;
import io.polyclinic.notifier.mail.OutgoingEmail;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The booking request's trace continues in the notifier: the email a booking event causes records its trace id. */
class BookingEventTraceTest extends NotifierTest {

    @Test
    void anEventWithATraceparentHeaderGivesAnEmailRecordedUnderThatTraceId() {
        var traceId = randomHex(16);
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var eventId = id();

        BookingEvents.sendWithTraceparent(
                appointment.doctorId().toString(),
                BookingEvents.envelope(eventId, "AppointmentBooked", appointment, Map.of()),
                "00-" + traceId + "-" + randomHex(8) + "-01");

        awaitMailTo(patient, 1);
        assertThat(jdbc.sql("select trace_id from email where id = ?")
                        .param(OutgoingEmail.idFor("event:" + eventId))
                        .query(String.class)
                        .single())
                .isEqualTo(traceId);
    }

    @Test
    void anEventWithoutTraceparentStartsItsOwnTrace() {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var eventId = id();

        BookingEvents.send(
                appointment.doctorId().toString(),
                BookingEvents.envelope(eventId, "AppointmentBooked", appointment, Map.of()));

        awaitMailTo(patient, 1);
        assertThat(jdbc.sql("select trace_id from email where id = ?")
                        .param(OutgoingEmail.idFor("event:" + eventId))
                        .query(String.class)
                        .single())
                .matches("[0-9a-f]{32}");
    }

    private static String randomHex(int bytes) {
        var random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
