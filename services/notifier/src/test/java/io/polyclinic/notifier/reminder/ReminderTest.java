package io.polyclinic.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.notifier.MailParts;
import io.polyclinic.notifier.NotifierTest;
import io.polyclinic.notifier.event.BookingEventService;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class ReminderTest extends NotifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    BookingEventService events;

    @Autowired
    ReminderService reminders;

    private UUID book(String patient, java.time.Instant start) {
        var appointmentId = id();
        events.handle(event("AppointmentBooked", appointmentId, patient, start));
        return appointmentId;
    }

    /** An appointment event as booking publishes it: the contracts' records, serialized by Jackson. */
    private static byte[] event(String type, UUID appointmentId, String patient, java.time.Instant start) {
        var data = new AppointmentEventData(
                appointmentId,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Anna Ivanova",
                UUID.randomUUID(),
                "Central",
                "Main 1",
                "Europe/Moscow",
                UUID.randomUUID(),
                patient,
                "en",
                start,
                start.plusSeconds(1800),
                type.equals("AppointmentCancelled") ? "CANCELLED" : "BOOKED",
                null,
                null,
                null,
                null,
                null,
                null);
        return JSON.writeValueAsBytes(
                EventEnvelope.of(UUID.randomUUID(), type, java.time.Instant.now(), "booking", data));
    }

    /** Moves the reminder's due time into the past, as if a day had gone by. */
    private void makeReminderDue(UUID appointmentId) {
        jdbc.sql("update appointment set reminder_due_at = now() - interval '1 second' where appointment_id = ?")
                .param(appointmentId)
                .update();
    }

    @Test
    void theReminderIsSentOnceADayAheadEvenWhenTheJobRunsAgain() {
        var patient = newRecipient();
        var appointmentId = book(patient, hoursAhead(30));
        awaitMailTo(patient, 1);
        reminders.sendDueReminders();
        assertThat(mailTo(patient)).as("not due yet").hasSize(1);

        makeReminderDue(appointmentId);
        reminders.sendDueReminders();
        reminders.sendDueReminders();
        // A job that runs again with the row reset still finds the reminder email recorded, and sends nothing.
        jdbc.sql("update appointment set reminder_sent_at = null where appointment_id = ?")
                .param(appointmentId)
                .update();
        reminders.sendDueReminders();

        var mail = awaitMailTo(patient, 2);
        Awaitility.await().pollDelay(java.time.Duration.ofMillis(500)).until(() -> true);
        assertThat(mailTo(patient)).hasSize(2);
        assertThat(MailParts.of(mail.get(1)).subject())
                .isEqualTo("Reminder: your appointment with Anna Ivanova tomorrow");
    }

    @Test
    void aCancelledAppointmentGetsNoReminder() {
        var patient = newRecipient();
        var start = hoursAhead(30);
        var appointmentId = book(patient, start);
        events.handle(event("AppointmentCancelled", appointmentId, patient, start));
        awaitMailTo(patient, 2);

        makeReminderDue(appointmentId);
        assertThat(reminders.sendDueReminders()).isZero();
        assertThat(mailTo(patient)).hasSize(2);
    }

    @Test
    void anAppointmentBookedLessThanADayAheadGetsNoReminder() {
        var patient = newRecipient();
        var appointmentId = book(patient, hoursAhead(3));
        awaitMailTo(patient, 1);

        var due = jdbc.sql("select reminder_due_at from appointment where appointment_id = ?")
                .param(appointmentId)
                .query(java.sql.Timestamp.class)
                .optional();
        assertThat(due).isEmpty();
        assertThat(reminders.sendDueReminders()).isZero();
        assertThat(mailTo(patient)).hasSize(1);
    }
}
