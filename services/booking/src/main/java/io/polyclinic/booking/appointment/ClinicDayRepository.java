package io.polyclinic.booking.appointment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A clinic's appointments in a time range, for the staff's day list (index {@code appointments_clinic_start_idx}). */
@Repository
public class ClinicDayRepository {

    private static final String WHERE = """
             where a.clinic_id = :clinic and a.start_at >= :from and a.start_at < :to
               and (cast(:status as varchar) is null or a.status = :status)
            """;

    private static final RowMapper<ClinicAppointment> MAPPER = (rs, n) -> new ClinicAppointment(
            rs.getObject("id", UUID.class),
            rs.getObject("slot_id", UUID.class),
            rs.getObject("doctor_id", UUID.class),
            rs.getString("doctor_name"),
            rs.getObject("patient_id", UUID.class),
            rs.getString("patient_email"),
            rs.getObject("start_at", OffsetDateTime.class).toInstant(),
            rs.getObject("end_at", OffsetDateTime.class).toInstant(),
            AppointmentStatus.valueOf(rs.getString("status")));

    private final JdbcClient jdbc;

    public ClinicDayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the clinic's appointments starting in {@code [from, to)}, by start, then doctor name.
     *
     * @param status one status, or null for all
     */
    public List<ClinicAppointment> find(
            UUID clinicId, Instant from, Instant to, AppointmentStatus status, long offset, int limit) {
        return jdbc.sql("""
                select a.id, a.slot_id, a.doctor_id, d.full_name doctor_name, a.patient_id, a.patient_email,
                       a.start_at, a.end_at, a.status
                  from appointments a join doctors d on d.id = a.doctor_id
                """ + WHERE + " order by a.start_at, d.full_name, a.id offset :offset limit :limit")
                .param("clinic", clinicId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("status", status == null ? null : status.name())
                .param("offset", offset)
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /** How many of the clinic's appointments start in {@code [from, to)}, optionally of one status. */
    public long count(UUID clinicId, Instant from, Instant to, AppointmentStatus status) {
        return jdbc.sql("select count(*) from appointments a" + WHERE)
                .param("clinic", clinicId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
