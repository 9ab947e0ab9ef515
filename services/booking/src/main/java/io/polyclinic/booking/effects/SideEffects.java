package io.polyclinic.booking.effects;

import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.event.BookingEvents;
import io.polyclinic.booking.shared.BusinessMetrics;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The side effects of one booking use case, declared together at its end and applied in one fixed order (decision
 * 0034):
 *
 * <ol>
 *   <li>audit entries, then events: rows appended to the outbox in the use case's transaction, so they exist if and
 *       only if its change commits;
 *   <li>cache evictions, then business counters: run once the transaction has committed (a rolled-back use case
 *       evicts and counts nothing, and no reader refills the cache from the old rows in between).
 * </ol>
 *
 * <pre>{@code
 * effects.start()
 *         .audit(new AuditEntry(patient.id(), "APPOINTMENT_BOOKED", "appointment", id.toString(), details))
 *         .event(EventTypes.APPOINTMENT_BOOKED, doctorId, data)
 *         .evictDoctor(doctorId)
 *         .count(BusinessMetrics::booked)
 *         .apply();
 * }</pre>
 *
 * Call {@link Batch#apply()} inside the use case's transaction, after its writes.
 */
@Component
public class SideEffects {

    private final AuditTrail audit;
    private final BookingEvents events;
    private final BookingCache cache;
    private final BusinessMetrics metrics;

    public SideEffects(AuditTrail audit, BookingEvents events, BookingCache cache, BusinessMetrics metrics) {
        this.audit = audit;
        this.events = events;
        this.cache = cache;
        this.metrics = metrics;
    }

    /** An empty batch for one run of a use case. */
    public Batch start() {
        return new Batch();
    }

    /** The effects of one use case run, collected in any order and applied in the fixed one. Not thread-safe. */
    public final class Batch {

        private final List<AuditEntry> audits = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final List<Consumer<BookingCache>> evictions = new ArrayList<>();
        private final List<Consumer<BusinessMetrics>> counters = new ArrayList<>();

        private Batch() {}

        /** Records an audit entry (who did what to which entity). */
        public Batch audit(AuditEntry entry) {
            audits.add(entry);
            return this;
        }

        /**
         * Publishes a booking event.
         *
         * @param type one of {@code EventTypes}, e.g. {@code AppointmentBooked}
         * @param doctorId the doctor the event is about: its record key
         * @param data the type's data record from {@code io.polyclinic.contracts.events}
         */
        public Batch event(String type, UUID doctorId, Object data) {
            events.add(new Event(type, doctorId, data));
            return this;
        }

        /** Evicts the doctor's cards and every search page (a change to the doctor, its slots or reviews). */
        public Batch evictDoctor(UUID doctorId) {
            evictions.add(cache -> cache.evictDoctor(doctorId));
            return this;
        }

        /** Evicts every cached card and search page (a change many cards show: a clinic, a specialty name). */
        public Batch evictAll() {
            evictions.add(BookingCache::evictAll);
            return this;
        }

        /** Adds to a business counter, e.g. {@code BusinessMetrics::booked}. */
        public Batch count(Consumer<BusinessMetrics> counter) {
            counters.add(counter);
            return this;
        }

        /** Applies the effects: audit entries, events, then (after commit) evictions and counters. */
        public void apply() {
            audits.forEach(entry -> audit.record(AuditChannel.annotate(entry)));
            events.forEach(e -> SideEffects.this.events.publish(e.type(), e.doctorId(), e.data()));
            evictions.forEach(eviction -> eviction.accept(cache));
            counters.forEach(counter -> counter.accept(metrics));
        }
    }

    private record Event(String type, UUID doctorId, Object data) {}
}
