package io.polyclinic.notifier.reminder;

import io.polyclinic.notifier.appointment.Appointment;
import io.polyclinic.notifier.appointment.AppointmentService;
import io.polyclinic.notifier.mail.Channel;
import io.polyclinic.notifier.mail.EmailComposer;
import io.polyclinic.notifier.mail.EmailTemplate;
import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder job: for every booked appointment whose reminder is due (a day before the start, see
 * {@code reminder.lead}) it records a reminder email and marks the reminder sent, in one transaction, then sends the
 * emails. The email id is derived from the appointment and its start, so a run that repeats (two instances, a crash)
 * cannot send a second reminder for the same time; a cancelled appointment is no longer BOOKED and a moved one has a
 * new due time, so their old reminders are never sent.
 */
@Service
public class ReminderService {

    private static final int BATCH = 100;

    private final AppointmentService appointments;
    private final EmailComposer composer;
    private final MailDeliveryService delivery;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TraceContextCarrier trace;

    public ReminderService(
            AppointmentService appointments,
            EmailComposer composer,
            MailDeliveryService delivery,
            TransactionTemplate transactions,
            Clock clock,
            TraceContextCarrier trace) {
        this.appointments = appointments;
        this.composer = composer;
        this.delivery = delivery;
        this.transactions = transactions;
        this.clock = clock;
        this.trace = trace;
    }

    /** Records and sends the reminders due now; returns how many were recorded. */
    public int sendDueReminders() {
        var ids = transactions.execute(status -> {
            var now = clock.instant();
            var recorded = new ArrayList<UUID>();
            for (var appointment : appointments.lockDueReminders(now, BATCH)) {
                var email = reminder(appointment);
                if (delivery.record(email, now, trace.currentTraceId())) {
                    recorded.add(email.id());
                }
                appointments.markReminderSent(appointment.id(), now);
            }
            return recorded;
        });
        List<UUID> toSend = ids == null ? List.of() : ids;
        toSend.forEach(delivery::deliverSoon);
        return toSend.size();
    }

    private OutgoingEmail reminder(Appointment a) {
        var details = new EmailComposer.AppointmentDetails(
                a.id(),
                a.patientEmail(),
                a.locale(),
                a.doctorName(),
                a.clinicName(),
                a.clinicAddress(),
                a.clinicTimeZone(),
                a.start(),
                a.end(),
                null,
                null,
                false);
        return composer.appointmentEmail(
                OutgoingEmail.idFor("reminder:" + a.id() + ":" + a.start()),
                Channel.REMINDER,
                EmailTemplate.APPOINTMENT_REMINDER,
                details,
                null,
                a.icsSequence());
    }
}
