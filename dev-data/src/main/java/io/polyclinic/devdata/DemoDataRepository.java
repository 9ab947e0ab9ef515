package io.polyclinic.devdata;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Batch writes of the small demo data set into booking's tables and the state of its schedules (booking's
 * {@code demo_schedules} and {@code demo_data_runs}).
 */
final class DemoDataRepository {

    /** A demo doctor's weekly schedule in one clinic, with the clinic's zone and its latest slot start (or null). */
    record Schedule(
            UUID doctorId,
            UUID clinicId,
            String zone,
            String days,
            LocalTime start,
            LocalTime end,
            int slotMinutes,
            Instant lastStart) {}

    record ClinicRow(UUID id, DemoCatalog.DemoClinic clinic) {}

    record DoctorRow(
            UUID id, String fullName, String bio, int experienceYears, String photoUrl, String phone, String email) {}

    record Link(UUID doctorId, Object other) {}

    record ScheduleRow(UUID doctorId, UUID clinicId, String days, LocalTime start, LocalTime end, int slotMinutes) {}

    /** A free slot to create, {@code [start, end)}. */
    record NewSlot(UUID id, UUID doctorId, UUID clinicId, Instant start, Instant end) {}

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    DemoDataRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Lifts the platform's statement and idle-transaction limits (decision 0029) for the current transaction: the
     * demo load and the slot top-up write many thousands of rows in one statement, which may take longer on a busy
     * machine. Call inside a transaction; the limits return when it ends.
     */
    void liftLimitsForThisTransaction() {
        jdbc.execute("set local statement_timeout = 0");
        jdbc.execute("set local idle_in_transaction_session_timeout = 0");
    }

    /** Marks the demo data as loaded; false when it was loaded before. */
    boolean markLoaded() {
        return jdbc.update("insert into demo_data_runs (id, loaded_at) values (1, now()) on conflict do nothing") > 0;
    }

    void insertSpecialties(List<DemoCatalog.DemoSpecialty> specialties) {
        jdbc.batchUpdate(
                "insert into specialties (code, name_ru, name_en) values (?, ?, ?) on conflict do nothing",
                specialties.stream()
                        .map(s -> new Object[] {s.code(), s.nameRu(), s.nameEn()})
                        .toList());
    }

    void insertClinics(List<ClinicRow> clinics) {
        jdbc.batchUpdate(
                "insert into clinics (id, name, address, city, latitude, longitude, time_zone, phone)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                clinics.stream()
                        .map(c -> new Object[] {
                            c.id(),
                            c.clinic().name(),
                            c.clinic().address(),
                            c.clinic().city(),
                            c.clinic().lat(),
                            c.clinic().lon(),
                            c.clinic().zone(),
                            c.clinic().phone()
                        })
                        .toList());
    }

    void insertDoctors(List<DoctorRow> doctors) {
        jdbc.batchUpdate(
                "insert into doctors (id, full_name, bio, experience_years, photo_url, phone, email, status)"
                        + " values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE')",
                doctors.stream()
                        .map(d -> new Object[] {
                            d.id(), d.fullName(), d.bio(), d.experienceYears(), d.photoUrl(), d.phone(), d.email()
                        })
                        .toList());
    }

    void insertDoctorSpecialties(List<Link> links) {
        jdbc.batchUpdate(
                "insert into doctor_specialties (doctor_id, specialty_code) values (?, ?)",
                links.stream().map(l -> new Object[] {l.doctorId(), l.other()}).toList());
    }

    void insertDoctorClinics(List<Link> links) {
        jdbc.batchUpdate(
                "insert into doctor_clinics (doctor_id, clinic_id) values (?, ?)",
                links.stream().map(l -> new Object[] {l.doctorId(), l.other()}).toList());
    }

    void insertSchedules(List<ScheduleRow> schedules) {
        jdbc.batchUpdate(
                "insert into demo_schedules (doctor_id, clinic_id, days, start_time, end_time, slot_minutes)"
                        + " values (?, ?, ?, ?, ?, ?)",
                schedules.stream()
                        .map(s -> new Object[] {
                            s.doctorId(),
                            s.clinicId(),
                            s.days(),
                            Time.valueOf(s.start()),
                            Time.valueOf(s.end()),
                            s.slotMinutes()
                        })
                        .toList());
    }

    /** Every demo schedule with the latest start of its slots. */
    List<Schedule> schedules() {
        return jdbc.query("""
                select ds.doctor_id, ds.clinic_id, c.time_zone, ds.days, ds.start_time, ds.end_time, ds.slot_minutes,
                       (select max(s.start_at) from slots s where s.doctor_id = ds.doctor_id
                           and s.clinic_id = ds.clinic_id) last_start
                  from demo_schedules ds join clinics c on c.id = ds.clinic_id
                """, (rs, n) -> {
            var last = rs.getObject("last_start", OffsetDateTime.class);
            return new Schedule(
                    rs.getObject("doctor_id", UUID.class),
                    rs.getObject("clinic_id", UUID.class),
                    rs.getString("time_zone"),
                    rs.getString("days"),
                    rs.getObject("start_time", LocalTime.class),
                    rs.getObject("end_time", LocalTime.class),
                    rs.getInt("slot_minutes"),
                    last == null ? null : last.toInstant());
        });
    }

    /**
     * Inserts AVAILABLE slots, skipping each one that overlaps a slot of its doctor (booking's exclusion constraint
     * decides), through COPY into a temporary table and one insert; answers how many were inserted.
     *
     * @throws IllegalStateException outside a transaction, or when COPY fails
     */
    int insertSlotsSkippingOverlaps(List<NewSlot> slots) {
        if (slots.isEmpty()) {
            return 0;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("insertSlotsSkippingOverlaps needs a transaction");
        }
        jdbc.execute("create temp table demo_slot_import (id uuid, doctor_id uuid, clinic_id uuid,"
                + " start_at timestamptz, end_at timestamptz) on commit drop");
        var rows = new StringBuilder(slots.size() * 140);
        for (var s : slots) {
            rows.append(s.id()).append('\t').append(s.doctorId()).append('\t').append(s.clinicId());
            rows.append('\t').append(s.start()).append('\t').append(s.end()).append('\n');
        }
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy demo_slot_import from stdin", new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY of the demo slots failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return jdbc.update("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status)"
                + " select id, doctor_id, clinic_id, start_at, end_at, 'AVAILABLE' from demo_slot_import"
                + " order by doctor_id, start_at on conflict do nothing");
    }
}
