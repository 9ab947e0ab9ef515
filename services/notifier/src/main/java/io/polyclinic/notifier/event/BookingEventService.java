package io.polyclinic.notifier.event;

import io.polyclinic.contracts.Language;
import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.notifier.appointment.Appointment;
import io.polyclinic.notifier.appointment.AppointmentService;
import io.polyclinic.notifier.appointment.AppointmentStatus;
import io.polyclinic.notifier.contract.ContractMessages;
import io.polyclinic.notifier.contract.InvalidMessageException;
import io.polyclinic.notifier.mail.CalendarInvite;
import io.polyclinic.notifier.mail.Channel;
import io.polyclinic.notifier.mail.EmailComposer;
import io.polyclinic.notifier.mail.EmailTemplate;
import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.notifier.shared.NotifierProperties;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Turns booking events into emails. An appointment event (AppointmentBooked, -Cancelled, -Rescheduled, -Completed) is
 * read through libs/contracts: checked against the JSON Schema of its type (fields a newer producer added are
 * allowed), mapped to {@link EventEnvelope}{@code <}{@link AppointmentEventData}{@code >}, and refused with an
 * {@link InvalidMessageException} naming the problem when it breaks the schema or cannot be mailed (no patient email,
 * an unknown time zone, an end not after the start). Other event types are skipped unread.
 *
 * <p>In ONE transaction it records the event id as processed, updates the notifier's copy of the appointment and
 * adds the email to the outbox; then the email is sent off the consumer thread. A redelivered event finds its id
 * recorded and does nothing, so each event gives at most one email; an email whose send fails is retried by the
 * relay.
 */
@Service
public class BookingEventService {

    private static final Logger log = LoggerFactory.getLogger(BookingEventService.class);
    private static final Set<String> APPOINTMENT_TYPES = Set.of(
            EventTypes.APPOINTMENT_BOOKED,
            EventTypes.APPOINTMENT_CANCELLED,
            EventTypes.APPOINTMENT_RESCHEDULED,
            EventTypes.APPOINTMENT_COMPLETED);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

    private final ContractMessages messages;
    private final JavaType appointmentEvent;
    private final ProcessedEventRepository processed;
    private final AppointmentService appointments;
    private final EmailComposer composer;
    private final MailDeliveryService delivery;
    private final TransactionTemplate transactions;
    private final NotifierProperties properties;
    private final Clock clock;
    private final TraceContextCarrier trace;

    public BookingEventService(
            ContractMessages messages,
            ProcessedEventRepository processed,
            AppointmentService appointments,
            EmailComposer composer,
            MailDeliveryService delivery,
            TransactionTemplate transactions,
            NotifierProperties properties,
            Clock clock,
            TraceContextCarrier trace) {
        this.messages = messages;
        this.appointmentEvent = messages.type(EventEnvelope.class, AppointmentEventData.class);
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
     * @throws InvalidMessageException when the event is malformed, breaks its schema or cannot be mailed (the caller
     *     dead-letters it)
     */
    public void handle(byte[] value) {
        var document = messages.parse(value, properties.events().maxEventBytes());
        var type = text(document, "type");
        if (!APPOINTMENT_TYPES.contains(type)) {
            log.debug("Skipping event {} of type {}", document.path("id"), type);
            return;
        }
        var version = document.get("version");
        if (version != null && version.isIntegralNumber() && version.asInt() != EventEnvelope.CURRENT_VERSION) {
            throw new InvalidMessageException(type + " version " + version.asInt() + " is not supported (only "
                    + EventEnvelope.CURRENT_VERSION + ")");
        }
        EventEnvelope<AppointmentEventData> event = messages.read(type, document, appointmentEvent);
        checkMailable(event.data());
        var emailId = transactions.execute(status -> record(event));
        if (emailId != null && emailId.isPresent()) {
            delivery.deliverSoon(emailId.get());
        }
    }

    private static String text(JsonNode document, String field) {
        var node = document.get(field);
        if (node == null || !node.isString()) {
            throw new InvalidMessageException(field + ": missing or not a string");
        }
        return node.stringValue();
    }

    /** What the schema cannot say but an email needs. */
    private static void checkMailable(AppointmentEventData data) {
        if (data.patientEmail() == null || !EMAIL.matcher(data.patientEmail()).matches()) {
            throw new InvalidMessageException("data.patientEmail: missing or not an email address");
        }
        try {
            ZoneId.of(data.clinicTimeZone());
        } catch (DateTimeException e) {
            throw new InvalidMessageException("data.clinicTimeZone: not a time zone");
        }
        if (!data.end().isAfter(data.start())) {
            throw new InvalidMessageException("data.end: not after data.start");
        }
    }

    /** The transactional part: empty when the event was a duplicate or needs no email. */
    private Optional<UUID> record(EventEnvelope<AppointmentEventData> event) {
        if (!processed.markProcessed(event.id(), event.type())) {
            log.info("Event {} ({}) was handled before; no second email", event.id(), event.type());
            return Optional.empty();
        }
        var data = event.data();
        var existing = appointments.lock(data.appointmentId());
        int previousSequence = existing.map(Appointment::icsSequence).orElse(-1);
        OutgoingEmail email;
        Appointment state;
        switch (event.type()) {
            case EventTypes.APPOINTMENT_BOOKED -> {
                int sequence = Math.max(0, previousSequence + (existing.isPresent() ? 1 : 0));
                state = appointment(data, AppointmentStatus.BOOKED, sequence, reminderDue(data));
                email = compose(event, EmailTemplate.BOOKING_CONFIRMED, CalendarInvite.REQUEST, sequence);
            }
            case EventTypes.APPOINTMENT_RESCHEDULED -> {
                int sequence = Math.max(1, previousSequence + 1);
                state = appointment(data, AppointmentStatus.BOOKED, sequence, reminderDue(data));
                email = compose(event, EmailTemplate.BOOKING_RESCHEDULED, CalendarInvite.REQUEST, sequence);
            }
            case EventTypes.APPOINTMENT_CANCELLED -> {
                int sequence = Math.max(1, previousSequence + 1);
                state = appointment(data, AppointmentStatus.CANCELLED, sequence, null);
                email = compose(event, EmailTemplate.BOOKING_CANCELLED, CalendarInvite.CANCEL, sequence);
            }
            case EventTypes.APPOINTMENT_COMPLETED -> {
                state = appointment(data, AppointmentStatus.COMPLETED, Math.max(0, previousSequence), null);
                email = null;
            }
            default -> throw new IllegalStateException("Unhandled event type " + event.type());
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
    private Instant reminderDue(AppointmentEventData data) {
        var lead = properties.reminder().lead();
        var due = data.start().minus(lead);
        var now = clock.instant();
        return Duration.between(now, data.start()).compareTo(lead) < 0 ? null : due;
    }

    private static Appointment appointment(
            AppointmentEventData data, AppointmentStatus status, int sequence, Instant reminderDue) {
        return new Appointment(
                data.appointmentId(),
                data.patientEmail(),
                Language.ofTag(data.locale()).locale(),
                data.doctorName(),
                data.clinicName(),
                data.clinicAddress(),
                ZoneId.of(data.clinicTimeZone()),
                data.start(),
                data.end(),
                status,
                sequence,
                reminderDue,
                null);
    }

    private OutgoingEmail compose(
            EventEnvelope<AppointmentEventData> event, EmailTemplate template, String icsMethod, int sequence) {
        var data = event.data();
        var details = new EmailComposer.AppointmentDetails(
                data.appointmentId(),
                data.patientEmail(),
                Language.ofTag(data.locale()).locale(),
                data.doctorName(),
                data.clinicName(),
                data.clinicAddress(),
                ZoneId.of(data.clinicTimeZone()),
                data.start(),
                data.end(),
                event.type().equals(EventTypes.APPOINTMENT_RESCHEDULED) ? data.previousStart() : null,
                data.cancelReason(),
                "STAFF".equals(data.cancelledBy()));
        return composer.appointmentEmail(
                OutgoingEmail.idFor("event:" + event.id()), Channel.EVENT, template, details, icsMethod, sequence);
    }
}
