package io.polyclinic.booking.event;

import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.outbox.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Booking's events (S3 "Events"): each is appended to the outbox in the transaction of the change it describes, so
 * it is published on {@code booking.events} (record key: the doctor id, so one doctor's events stay in order) if
 * and only if that transaction commits.
 */
@Component
public class BookingEvents {

    /** The {@code source} of booking's event envelopes. */
    public static final String SOURCE = "booking";

    private final Outbox outbox;
    private final Clock clock;

    public BookingEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Appends an event in the current transaction.
     *
     * @param type one of {@link EventTypes}, e.g. {@link EventTypes#APPOINTMENT_BOOKED}
     * @param doctorId the doctor the event is about: the record key
     * @param data the type's data record from {@code io.polyclinic.contracts.events}
     * @return the event id
     * @throws IllegalStateException outside a transaction
     */
    public UUID publish(String type, UUID doctorId, Object data) {
        return outbox.appendEvent(EventTypes.BOOKING_TOPIC, doctorId.toString(), type, SOURCE, clock.instant(), data);
    }
}
