package io.polyclinic.booking.doctor;

import io.polyclinic.booking.shared.DoctorStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code doctors}, {@code doctor_specialties} and {@code doctor_clinics}. */
@Repository
public class DoctorRepository {

    private final JdbcClient jdbc;

    public DoctorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the doctor and its specialty and clinic links. */
    public void insert(Doctor d) {
        jdbc.sql("""
                insert into doctors (id, full_name, bio, experience_years, photo_url, phone, email, status)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        d.id(),
                        d.fullName(),
                        d.bio(),
                        d.experienceYears(),
                        d.photoUrl(),
                        d.phone(),
                        d.email(),
                        d.status().name())
                .update();
        replaceLinks(d);
    }

    /** Updates the doctor's fields and replaces its links; false when unknown. */
    public boolean update(Doctor d) {
        var rows = jdbc.sql("""
                update doctors set full_name = ?, bio = ?, experience_years = ?, photo_url = ?, phone = ?, email = ?,
                       status = ?, updated_at = now()
                 where id = ?
                """)
                .params(
                        d.fullName(),
                        d.bio(),
                        d.experienceYears(),
                        d.photoUrl(),
                        d.phone(),
                        d.email(),
                        d.status().name(),
                        d.id())
                .update();
        if (rows > 0) {
            replaceLinks(d);
        }
        return rows > 0;
    }

    public boolean updateStatus(UUID id, DoctorStatus status) {
        return jdbc.sql("update doctors set status = ?, updated_at = now() where id = ?")
                        .params(status.name(), id)
                        .update()
                > 0;
    }

    public Optional<Doctor> findById(UUID id) {
        return jdbc.sql("""
                select d.id, d.full_name, d.bio, d.experience_years, d.photo_url, d.phone, d.email, d.status,
                       d.rating_avg, d.rating_count,
                       array(select specialty_code from doctor_specialties where doctor_id = d.id order by 1) codes,
                       array(select clinic_id from doctor_clinics where doctor_id = d.id order by 1) clinics
                  from doctors d where d.id = ?
                """)
                .param(id)
                .query((rs, n) -> new Doctor(
                        rs.getObject("id", UUID.class),
                        rs.getString("full_name"),
                        rs.getString("bio"),
                        rs.getObject("experience_years", Integer.class),
                        rs.getString("photo_url"),
                        rs.getString("phone"),
                        rs.getString("email"),
                        DoctorStatus.valueOf(rs.getString("status")),
                        rs.getDouble("rating_avg"),
                        rs.getInt("rating_count"),
                        List.of((String[]) rs.getArray("codes").getArray()),
                        List.of((UUID[]) rs.getArray("clinics").getArray())))
                .optional();
    }

    /** The id of the doctor with this external id (personnel or licence number), if any. */
    public Optional<UUID> findIdByExternalId(String externalId) {
        return jdbc.sql("select id from doctors where external_id = ?")
                .param(externalId)
                .query(UUID.class)
                .optional();
    }

    /**
     * Gives the doctor its external id. A duplicate of another doctor's id fails with Spring's
     * {@code DuplicateKeyException} (the unique index), which rolls the caller's transaction back.
     */
    public void setExternalId(UUID id, String externalId) {
        jdbc.sql("update doctors set external_id = ? where id = ?")
                .params(externalId, id)
                .update();
    }

    /** The clinics a doctor works in. */
    public List<UUID> clinicIds(UUID doctorId) {
        return jdbc.sql("select clinic_id from doctor_clinics where doctor_id = ?")
                .param(doctorId)
                .query(UUID.class)
                .list();
    }

    /** Whether the doctor works in the clinic. */
    public boolean worksIn(UUID doctorId, UUID clinicId) {
        return jdbc.sql("select exists (select 1 from doctor_clinics where doctor_id = ? and clinic_id = ?)")
                .params(doctorId, clinicId)
                .query(Boolean.class)
                .single();
    }

    /** Blocks the doctor's AVAILABLE slots in these clinics that start after {@code after}. */
    public void blockFreeSlots(UUID doctorId, Collection<UUID> clinicIds, Instant after) {
        if (clinicIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update slots set status = 'BLOCKED'
                 where doctor_id = :doctorId and clinic_id in (:clinicIds) and status = 'AVAILABLE'
                   and start_at > :after
                """)
                .param("doctorId", doctorId)
                .param("clinicIds", clinicIds)
                .param("after", OffsetDateTime.ofInstant(after, ZoneOffset.UTC))
                .update();
    }

    private void replaceLinks(Doctor d) {
        jdbc.sql("delete from doctor_specialties where doctor_id = ?")
                .param(d.id())
                .update();
        jdbc.sql("delete from doctor_clinics where doctor_id = ?").param(d.id()).update();
        insertLinks(
                "insert into doctor_specialties (doctor_id, specialty_code) values (?, ?)", d.id(), d.specialtyCodes());
        insertLinks("insert into doctor_clinics (doctor_id, clinic_id) values (?, ?)", d.id(), d.clinicIds());
    }

    private void insertLinks(String sql, UUID doctorId, Collection<?> values) {
        for (var value : new java.util.LinkedHashSet<>(values)) {
            jdbc.sql(sql).params(doctorId, value).update();
        }
    }
}
