package io.polyclinic.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.notifier.MailParts;
import io.polyclinic.notifier.NotifierTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BookingEventEmailTest extends NotifierTest {

    @Autowired
    MeterRegistry meters;

    private MailParts onlyMailTo(String recipient) {
        var mail = awaitMailTo(recipient, 1);
        assertThat(mail).hasSize(1);
        return MailParts.of(mail.getFirst());
    }

    private static ICalendar calendar(MailParts parts) {
        assertThat(parts.calendar()).as("the .ics attachment").isNotNull();
        var calendars = Biweekly.parse(parts.calendar()).all();
        assertThat(calendars).hasSize(1);
        return calendars.getFirst();
    }

    @Test
    void aBookingSendsOneConfirmationWithAnInvitationACalendarCanRead() {
        double sentBefore = sent("event", "booking-confirmed");
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));

        BookingEvents.send(
                appointment.doctorId().toString(),
                BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));

        var mail = onlyMailTo(patient);
        assertThat(mail.subject()).isEqualTo("Your appointment with Иванова Анна Петровна is confirmed");
        assertThat(mail.text()).contains("Your appointment is confirmed", "Иванова Анна Петровна", "Tverskaya 1");
        assertThat(mail.html()).contains("Polyclinic &lt;Central&gt;").doesNotContain("Polyclinic <Central>");
        assertThat(mail.attachmentNames()).containsExactly("appointment.ics");
        assertThat(mail.calendarContentType()).contains("method=REQUEST");

        var calendar = calendar(mail);
        assertThat(calendar.getMethod().getValue()).isEqualTo("REQUEST");
        var event = calendar.getEvents().getFirst();
        assertThat(event.getUid().getValue())
                .isEqualTo(appointment.appointmentId().toString());
        assertThat(event.getDateStart().getValue()).isEqualTo(Date.from(appointment.start()));
        assertThat(event.getDateEnd().getValue()).isEqualTo(Date.from(appointment.end()));
        assertThat(event.getSummary().getValue()).isEqualTo("Иванова Анна Петровна");
        assertThat(event.getLocation().getValue()).isEqualTo("Polyclinic <Central>, Tverskaya 1, Moscow");
        assertThat(event.getSequence().getValue()).isZero();
        assertThat(parts(mail.calendar())).contains("DTSTART:" + ics(appointment.start()));
        assertThat(sent("event", "booking-confirmed")).isEqualTo(sentBefore + 1);
    }

    @Test
    void namesWithSeparatorsLineBreaksAndBackslashesComeBackFromTheInvitationExactly() {
        var patient = newRecipient();
        var plain = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var doctor = "Dr. O'Neil; Jr., \\MD\nsecond line";
        var clinic = "A;B,C\nNew line \\ backslash";
        var address = "Street 1; building 2,\nfloor 3 \\ room 4";
        var appointment = new BookingEvents.Appointment(
                plain.appointmentId(),
                plain.doctorId(),
                doctor,
                clinic,
                address,
                plain.clinicTimeZone(),
                patient,
                "en",
                plain.start(),
                plain.end());

        BookingEvents.send(
                appointment.doctorId().toString(),
                BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));

        var mail = onlyMailTo(patient);
        var event = calendar(mail).getEvents().getFirst();
        assertThat(event.getSummary().getValue()).isEqualTo(doctor);
        assertThat(event.getLocation().getValue()).isEqualTo(clinic + ", " + address);
        // RFC 5545 3.3.11: in the file the value is escaped, and no line break of a value splits a content line.
        var unfolded = mail.calendar().replace("\r\n ", "").replace("\r\n\t", "");
        assertThat(unfolded).contains("LOCATION:A\\;B\\,C\\nNew line \\\\ backslash\\, Street 1\\; building 2\\,");
        assertThat(unfolded.split("\r\n", -1))
                .allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneEmail() {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var eventId = id();
        var booked = BookingEvents.envelope(eventId, "AppointmentBooked", appointment, Map.of());

        BookingEvents.send(appointment.doctorId().toString(), booked);
        BookingEvents.send(appointment.doctorId().toString(), booked);
        // A later event on the same key is processed after both copies: once its email is in, the duplicate is done.
        BookingEvents.send(
                appointment.doctorId().toString(),
                BookingEvents.envelope(id(), "AppointmentCancelled", appointment, Map.of()));

        var mail = awaitMailTo(patient, 2);
        assertThat(mail)
                .extracting(m -> MailParts.of(m).subject())
                .containsExactlyInAnyOrder(
                        "Your appointment with Иванова Анна Петровна is confirmed",
                        "Your appointment with Иванова Анна Петровна is cancelled");
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?")
                        .param(eventId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aCancellationSendsACancelInvitationForTheSameCalendarEntry() {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var key = appointment.doctorId().toString();
        BookingEvents.send(key, BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));
        BookingEvents.send(
                key,
                BookingEvents.envelope(
                        id(),
                        "AppointmentCancelled",
                        appointment,
                        Map.of("cancelReason", "Doctor <ill>", "cancelledBy", "STAFF")));

        var mail = awaitMailTo(patient, 2).stream().map(MailParts::of).toList();
        var cancellation = mail.stream()
                .filter(m -> m.subject().endsWith("is cancelled"))
                .findFirst()
                .orElseThrow();
        assertThat(cancellation.text()).contains("The clinic cancelled it", "Reason: Doctor <ill>");
        assertThat(cancellation.html()).contains("Doctor &lt;ill&gt;");
        assertThat(cancellation.calendarContentType()).contains("method=CANCEL");
        var calendar = calendar(cancellation);
        assertThat(calendar.getMethod().getValue()).isEqualTo("CANCEL");
        var event = calendar.getEvents().getFirst();
        assertThat(event.getUid().getValue())
                .isEqualTo(appointment.appointmentId().toString());
        assertThat(event.getSequence().getValue()).isEqualTo(1);
        assertThat(event.getStatus().getValue()).isEqualTo("CANCELLED");
    }

    @Test
    void aRescheduleSendsAnUpdatedInvitationWithTheOldTimeInTheText() {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var moved = appointment.movedTo(hoursAhead(96));
        var key = appointment.doctorId().toString();
        BookingEvents.send(key, BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));
        BookingEvents.send(
                key,
                BookingEvents.envelope(
                        id(),
                        "AppointmentRescheduled",
                        moved,
                        Map.of(
                                "previousStart", appointment.start().toString(),
                                "previousEnd", appointment.end().toString())));

        var rescheduled = awaitMailTo(patient, 2).stream()
                .map(MailParts::of)
                .filter(m -> m.subject().endsWith("has moved"))
                .findFirst()
                .orElseThrow();
        assertThat(rescheduled.text()).contains("Previously:");
        var event = calendar(rescheduled).getEvents().getFirst();
        assertThat(event.getUid().getValue())
                .isEqualTo(appointment.appointmentId().toString());
        assertThat(event.getDateStart().getValue()).isEqualTo(Date.from(moved.start()));
        assertThat(event.getSequence().getValue()).isEqualTo(1);
    }

    @Test
    void aRussianPatientGetsRussianTextAndAnEnglishOneEnglishBothInTheClinicsTimeZone() {
        var russian = newRecipient();
        var english = newRecipient();
        // 2026-12-10T07:00Z is 10:00 in Moscow (UTC+3) and 15:00 in Irkutsk (UTC+8).
        var start = java.time.Instant.parse("2026-12-10T07:00:00Z");
        var ru = BookingEvents.Appointment.of(russian, "ru", start);
        var en = new BookingEvents.Appointment(
                java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(),
                "Anna Ivanova",
                "Irkutsk clinic",
                "Lenina 5",
                "Asia/Irkutsk",
                english,
                "en",
                start,
                start.plus(Duration.ofMinutes(30)));
        BookingEvents.send(ru.doctorId().toString(), BookingEvents.envelope(id(), "AppointmentBooked", ru, Map.of()));
        BookingEvents.send(en.doctorId().toString(), BookingEvents.envelope(id(), "AppointmentBooked", en, Map.of()));

        var ruMail = onlyMailTo(russian);
        assertThat(ruMail.subject()).isEqualTo("Запись к врачу Иванова Анна Петровна подтверждена");
        assertThat(ruMail.text()).contains("Ваша запись подтверждена", "10:00", "Москва", "Europe/Moscow");
        assertThat(ruMail.html()).contains("lang=\"ru\"", "Врач");

        var enMail = onlyMailTo(english);
        assertThat(enMail.subject()).isEqualTo("Your appointment with Anna Ivanova is confirmed");
        assertThat(enMail.text()).contains("Your appointment is confirmed", "3:00", "PM", "Asia/Irkutsk");
        assertThat(enMail.html()).contains("lang=\"en\"", "Doctor");
    }

    @Test
    void anEmailThatFailsWhileSmtpIsDownIsRetriedAndSentOnceWhenItIsBack() {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        smtp.stop();
        try {
            BookingEvents.send(
                    appointment.doctorId().toString(),
                    BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> attempts(patient) >= 1);
        } finally {
            smtp.restart();
        }

        assertThat(awaitMailTo(patient, 1)).hasSize(1);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> "SENT"
                .equals(jdbc.sql("select status from email where recipient = ?")
                        .param(patient)
                        .query(String.class)
                        .single()));
        // The relay polls every 200 ms in the tests: several rounds later there is still one email.
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(mailTo(patient)).hasSize(1);
    }

    private int attempts(String recipient) {
        return jdbc.sql("select attempts from email where recipient = ?")
                .param(recipient)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithTheReasonAndTheNextEventIsStillProcessed() {
        var poisonKey = "poison-" + id();
        BookingEvents.send(poisonKey, "this is not JSON {");
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        BookingEvents.send(poisonKey, BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));

        var dead = BookingEvents.deadLettersWithKey(poisonKey, 1, WAIT);
        assertThat(dead).hasSize(1);
        var record = dead.getFirst();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON {");
        assertThat(header(record, "kafka_dlt-exception-message")).contains("not JSON");
        assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("booking.events");
        assertThat(awaitMailTo(patient, 1)).hasSize(1);
    }

    @Test
    void eventsMissingFieldsOrOfAnUnknownVersionAreDeadLetteredAndUnknownTypesSkipped() {
        var key = "bad-" + id();
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var good = BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of());
        BookingEvents.send(key, good.replace("\"version\":1", "\"version\":2"));
        BookingEvents.send(key, good.replace("\"patientEmail\"", "\"patientMail\""));
        BookingEvents.send(
                key,
                "{\"id\":\"" + id() + "\",\"type\":\"DoctorRegistered\",\"occurredAt\":\"2026-12-01T10:00:00Z\","
                        + "\"source\":\"booking\",\"version\":1,\"data\":{\"doctorId\":\"" + id() + "\"}}");

        var later = newRecipient();
        var marker = BookingEvents.Appointment.of(later, "en", hoursAhead(72));
        BookingEvents.send(key, BookingEvents.envelope(id(), "AppointmentBooked", marker, Map.of()));
        awaitMailTo(later, 1);

        // Every record before the marker was handled: exactly the two bad ones are dead letters.
        var reasons = BookingEvents.deadLettersWithKey(key, 3, Duration.ofSeconds(5)).stream()
                .map(r -> header(r, "kafka_dlt-exception-message"))
                .toList();
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("version 2 is not supported");
        assertThat(reasons.get(1)).contains("AppointmentBooked breaks its schema", "$.data", "patientEmail");
        assertThat(mailTo(patient)).isEmpty();
    }

    @Test
    void anEventThatBreaksItsSchemaIsDeadLetteredWithTheReasonAndTheNextOneIsMailed() {
        var key = "schema-" + id();
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        var start = "\"start\":\"" + appointment.start() + "\"";
        // A start that is no instant, a status outside the enum, a language outside ru|en, a patient without email.
        BookingEvents.send(
                key,
                BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of())
                        .replace(start, "\"start\":\"next Tuesday\""));
        BookingEvents.send(
                key, BookingEvents.envelope(id(), "AppointmentCancelled", appointment, Map.of("status", "GONE")));
        BookingEvents.send(key, BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of("locale", "de")));
        var noEmail = new java.util.HashMap<String, Object>();
        noEmail.put("patientEmail", null);
        BookingEvents.send(key, BookingEvents.envelope(id(), "AppointmentBooked", appointment, noEmail));

        var next = newRecipient();
        BookingEvents.send(
                key,
                BookingEvents.envelope(
                        id(), "AppointmentBooked", BookingEvents.Appointment.of(next, "ru", hoursAhead(72)), Map.of()));

        assertThat(awaitMailTo(next, 1)).hasSize(1);
        var dead = BookingEvents.deadLettersWithKey(key, 4, WAIT);
        assertThat(dead)
                .extracting(r -> header(r, "kafka_dlt-exception-message"))
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("AppointmentBooked breaks its schema", "$.data.start"),
                        reason ->
                                assertThat(reason).contains("AppointmentCancelled breaks its schema", "$.data.status"),
                        reason -> assertThat(reason).contains("AppointmentBooked breaks its schema", "$.data.locale"),
                        reason -> assertThat(reason).contains("data.patientEmail: missing"));
        assertThat(dead).extracting(r -> header(r, "kafka_dlt-original-topic")).containsOnly("booking.events");
        assertThat(mailTo(patient)).isEmpty();
    }

    private double sent(String channel, String template) {
        var counter = meters.find("notifier.emails.sent")
                .tag("channel", channel)
                .tag("template", template)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String parts(String ics) {
        return ics.replace("\r\n", "\n");
    }

    private static String ics(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }
}
