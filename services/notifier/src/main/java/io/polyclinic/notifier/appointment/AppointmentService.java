package io.polyclinic.notifier.appointment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The notifier's copy of the appointments it emails about, as the other features use it: booking events write it,
 * the reminder job reads and marks it. Every method runs in the caller's transaction.
 */
@Service
public class AppointmentService {

    private final AppointmentRepository appointments;

    public AppointmentService(AppointmentRepository appointments) {
        this.appointments = appointments;
    }

    /** The appointment, locked until the caller's transaction ends; empty when the notifier has not seen it. */
    public Optional<Appointment> lock(UUID id) {
        return appointments.findForUpdate(id);
    }

    /** Inserts or replaces the appointment's row with this state. */
    public void save(Appointment appointment) {
        appointments.save(appointment);
    }

    /**
     * Up to {@code limit} BOOKED appointments whose reminder is due at {@code now}, not yet sent, that have not
     * started; locked (rows another instance holds are skipped), soonest first.
     */
    public List<Appointment> lockDueReminders(Instant now, int limit) {
        return appointments.lockDueReminders(now, limit);
    }

    /** Records that the appointment's reminder was queued at {@code at}. */
    public void markReminderSent(UUID id, Instant at) {
        appointments.markReminderSent(id, at);
    }
}
