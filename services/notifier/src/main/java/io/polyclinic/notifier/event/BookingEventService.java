package io.polyclinic.notifier.event;

import io.polyclinic.notifier.appointment.Appointment;
import io.polyclinic.notifier.appointment.AppointmentService;
import io.polyclinic.notifier.appointment.AppointmentStatus;
import io.polyclinic.notifier.mail.CalendarInvite;
import io.polyclinic.notifier.mail.Channel;
import io.polyclinic.notifier.mail.EmailComposer;
import io.polyclinic.notifier.mail.EmailTemplate;
import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.notifier.shared.NotifierProperties;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns booking events into emails. In ONE transaction it records the event id as processed, updates the notifier's
 * copy of the appointment and adds the email to the outbox; then the email is sent off the consumer thread. A
 * redelivered event finds its id
 * recorded and does nothing, so each event gives at most one email; an email whose send fails is retried by the
 * relay. Event types other than the appointment ones are skipped.
 */
@Service
public class BookingEventService {

    private static final Logger log = LoggerFactory.getLogger(BookingEventService.class);

    private final BookingEventParser parser;
    private final ProcessedEventRepository processed;
    private final AppointmentService appointments;
    private final EmailComposer composer;
    private final MailDeliveryService delivery;
    private final TransactionTemplate transactions;
    private final NotifierProperties properties;
    private final Clock clock;
    private final TraceContextCarrier trace;

    public BookingEventService(
            BookingEventParser parser,
            ProcessedEventRepository processed,
            AppointmentService appointments,
            EmailComposer composer,
            MailDeliveryService delivery,
            TransactionTemplate transactions,
            NotifierProperties properties,
            Clock clock,
            TraceContextCarrier trace) {
        this.parser = parser;
        this.processed = processed;
        this.appointments = appointments;
        this.composer = composer;
        this.delivery = delivery;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.trace = trace;
    }

    /**
     * Handles one record value of {@code booking.events}.
     *
     * @throws InvalidEventException when the event is malformed (the caller dead-letters it)
     */
    public void handle(byte[] value) {
        var envelope = parser.envelope(value, properties.events().maxEventBytes());
        var kind = AppointmentEvent.Kind.ofType(envelope.type());
        if (kind == null) {
            log.debug("Skipping event {} of type {}", envelope.id(), envelope.type());
            return;
        }
        var event = parser.appointment(envelope, kind);
        var emailId = transactions.execute(status -> record(event));
        if (emailId != null && emailId.isPresent()) {
            delivery.deliverSoon(emailId.get());
        }
    }

    /** The transactional part: empty when the event was a duplicate or needs no email. */
    private Optional<UUID> record(AppointmentEvent event) {
        if (!processed.markProcessed(event.eventId(), event.kind().type())) {
            log.info(
                    "Event {} ({}) was handled before; no second email",
                    event.eventId(),
                    event.kind().type());
            return Optional.empty();
        }
        var existing = appointments.lock(event.appointmentId());
        int previousSequence = existing.map(Appointment::icsSequence).orElse(-1);
        OutgoingEmail email;
        Appointment state;
        switch (event.kind()) {
            case BOOKED -> {
                int sequence = Math.max(0, previousSequence + (existing.isPresent() ? 1 : 0));
                state = appointment(event, AppointmentStatus.BOOKED, sequence, reminderDue(event));
                email = compose(event, EmailTemplate.BOOKING_CONFIRMED, CalendarInvite.REQUEST, sequence);
            }
            case RESCHEDULED -> {
                int sequence = Math.max(1, previousSequence + 1);
                state = appointment(event, AppointmentStatus.BOOKED, sequence, reminderDue(event));
                email = compose(event, EmailTemplate.BOOKING_RESCHEDULED, CalendarInvite.REQUEST, sequence);
            }
            case CANCELLED -> {
                int sequence = Math.max(1, previousSequence + 1);
                state = appointment(event, AppointmentStatus.CANCELLED, sequence, null);
                email = compose(event, EmailTemplate.BOOKING_CANCELLED, CalendarInvite.CANCEL, sequence);
            }
            case COMPLETED -> {
                state = appointment(event, AppointmentStatus.COMPLETED, Math.max(0, previousSequence), null);
                email = null;
            }
            default -> throw new IllegalStateException("Unhandled kind " + event.kind());
        }
        appointments.save(state);
        if (email == null) {
            return Optional.empty();
        }
        // The listener's observation made the consumer span current; it continues the booking request's trace.
        delivery.record(email, delivery.firstAttempt(), trace.currentTraceId());
        return Optional.of(email.id());
    }

    /**
     * When the reminder is due: {@code lead} before the start, or never when the appointment is booked (or moved)
     * with less than {@code lead} to go; its confirmation is then recent enough (decision 0020).
     */
    private Instant reminderDue(AppointmentEvent event) {
        var lead = properties.reminder().lead();
        var due = event.start().minus(lead);
        var now = clock.instant();
        return Duration.between(now, event.start()).compareTo(lead) < 0 ? null : due;
    }

    private static Appointment appointment(
            AppointmentEvent event, AppointmentStatus status, int sequence, Instant reminderDue) {
        return new Appointment(
                event.appointmentId(),
                event.patientEmail(),
                event.locale(),
                event.doctorName(),
                event.clinicName(),
                event.clinicAddress(),
                event.clinicTimeZone(),
                event.start(),
                event.end(),
                status,
                sequence,
                reminderDue,
                null);
    }

    private OutgoingEmail compose(AppointmentEvent event, EmailTemplate template, String icsMethod, int sequence) {
        var details = new EmailComposer.AppointmentDetails(
                event.appointmentId(),
                event.patientEmail(),
                event.locale(),
                event.doctorName(),
                event.clinicName(),
                event.clinicAddress(),
                event.clinicTimeZone(),
                event.start(),
                event.end(),
                event.previousStart(),
                event.cancelReason(),
                "STAFF".equals(event.cancelledBy()));
        return composer.appointmentEmail(
                OutgoingEmail.idFor("event:" + event.eventId()), Channel.EVENT, template, details, icsMethod, sequence);
    }
}
