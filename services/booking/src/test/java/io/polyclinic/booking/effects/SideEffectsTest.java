package io.polyclinic.booking.effects;

import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.event.BookingEvents;
import io.polyclinic.booking.shared.BusinessMetrics;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fixed order of a use case's side effects, whatever order the use case declares them in. */
class SideEffectsTest {

    private final AuditTrail audit = mock(AuditTrail.class);
    private final BookingEvents events = mock(BookingEvents.class);
    private final BookingCache cache = mock(BookingCache.class);
    private final BusinessMetrics metrics = mock(BusinessMetrics.class);
    private final SideEffects effects = new SideEffects(audit, events, cache, metrics);

    @Test
    void auditThenEventThenEvictionThenCounterWhateverTheDeclaredOrder() {
        var doctor = UUID.randomUUID();
        var entry = new AuditEntry(UUID.randomUUID(), "APPOINTMENT_BOOKED", "appointment", "a1", Map.of());
        var data = Map.of("appointmentId", "a1");

        effects.start()
                .count(BusinessMetrics::booked)
                .evictDoctor(doctor)
                .event("AppointmentBooked", doctor, data)
                .audit(entry)
                .apply();

        var order = inOrder(audit, events, cache, metrics);
        order.verify(audit).record(entry);
        order.verify(events).publish("AppointmentBooked", doctor, data);
        order.verify(cache).evictDoctor(doctor);
        order.verify(metrics).booked();
        order.verifyNoMoreInteractions();
    }

    @Test
    void nothingHappensBeforeApply() {
        effects.start().audit(new AuditEntry(null, "X", "y", null, Map.of())).evictAll();

        verifyNoInteractions(audit, events, cache, metrics);
    }
}
