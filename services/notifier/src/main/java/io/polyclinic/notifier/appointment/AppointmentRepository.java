package io.polyclinic.notifier.appointment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code appointment} table: the notifier's copy of the appointments it emails about. */
@Repository
public class AppointmentRepository {

    private final JdbcClient jdbc;

    public AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The appointment, locked for update until the transaction ends. */
    public Optional<Appointment> findForUpdate(UUID id) {
        return jdbc.sql("select * from appointment where appointment_id = ? for update")
                .param(id)
                .query(AppointmentRepository::map)
                .optional();
    }

    /** Inserts or replaces the row with this state. */
    public void save(Appointment a) {
        jdbc.sql("""
                        insert into appointment (appointment_id, patient_email, locale, doctor_name, clinic_name,
                            clinic_address, clinic_time_zone, start_at, end_at, status, ics_sequence, reminder_due_at,
                            reminder_sent_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (appointment_id) do update set patient_email = excluded.patient_email,
                            locale = excluded.locale, doctor_name = excluded.doctor_name,
                            clinic_name = excluded.clinic_name, clinic_address = excluded.clinic_address,
                            clinic_time_zone = excluded.clinic_time_zone, start_at = excluded.start_at,
                            end_at = excluded.end_at, status = excluded.status, ics_sequence = excluded.ics_sequence,
                            reminder_due_at = excluded.reminder_due_at, reminder_sent_at = excluded.reminder_sent_at,
                            updated_at = now()""")
                .params(
                        a.id(),
                        a.patientEmail(),
                        a.locale().getLanguage(),
                        a.doctorName(),
                        a.clinicName(),
                        a.clinicAddress(),
                        a.clinicTimeZone().getId(),
                        Timestamp.from(a.start()),
                        Timestamp.from(a.end()),
                        a.status().name(),
                        a.icsSequence(),
                        a.reminderDueAt() == null ? null : Timestamp.from(a.reminderDueAt()),
                        a.reminderSentAt() == null ? null : Timestamp.from(a.reminderSentAt()))
                .update();
    }

    /**
     * Booked appointments whose reminder is due at {@code now} and not yet sent, that have not started, locked (rows
     * another instance holds are skipped), soonest first.
     */
    public List<Appointment> lockDueReminders(Instant now, int limit) {
        return jdbc.sql("""
                        select * from appointment
                        where status = 'BOOKED' and reminder_sent_at is null and reminder_due_at is not null
                          and reminder_due_at <= ? and start_at > ?
                        order by reminder_due_at
                        limit ?
                        for update skip locked""")
                .params(Timestamp.from(now), Timestamp.from(now), limit)
                .query(AppointmentRepository::map)
                .list();
    }

    /** Records that the reminder was queued for sending. */
    public void markReminderSent(UUID id, Instant at) {
        jdbc.sql("update appointment set reminder_sent_at = ?, updated_at = now() where appointment_id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    private static Appointment map(ResultSet rs, int row) throws SQLException {
        return new Appointment(
                rs.getObject("appointment_id", UUID.class),
                rs.getString("patient_email"),
                Locale.of(rs.getString("locale")),
                rs.getString("doctor_name"),
                rs.getString("clinic_name"),
                rs.getString("clinic_address"),
                ZoneId.of(rs.getString("clinic_time_zone")),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                AppointmentStatus.valueOf(rs.getString("status")),
                rs.getInt("ics_sequence"),
                instant(rs, "reminder_due_at"),
                instant(rs, "reminder_sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
