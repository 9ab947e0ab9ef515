package io.polyclinic.booking.appointment;

import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.slot.Slot;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.contracts.events.AppointmentEventData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rows of {@code appointments}, and the slot claim of a booking. Invariants live in the schema: one live
 * appointment per slot (unique partial index), a patient's BOOKED appointments never overlap (exclusion).
 */
@Repository
public class AppointmentRepository {

    /** A slot to book, with its doctor's status. */
    public record BookableSlot(Slot slot, DoctorStatus doctorStatus) {}

    private static final String VIEW = """
            select a.*, d.full_name doctor_name, c.name clinic_name, c.time_zone clinic_time_zone
              from appointments a join doctors d on d.id = a.doctor_id join clinics c on c.id = a.clinic_id
            """;

    private static final RowMapper<Appointment> MAPPER = (rs, n) -> new Appointment(
            rs.getObject("id", UUID.class),
            rs.getObject("slot_id", UUID.class),
            rs.getObject("doctor_id", UUID.class),
            rs.getObject("patient_id", UUID.class),
            rs.getObject("clinic_id", UUID.class),
            instant(rs.getObject("start_at", OffsetDateTime.class)),
            instant(rs.getObject("end_at", OffsetDateTime.class)),
            AppointmentStatus.valueOf(rs.getString("status")),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("cancelled_at", OffsetDateTime.class)),
            rs.getString("cancel_reason"),
            rs.getObject("cancelled_by", UUID.class),
            rs.getString("doctor_name"),
            rs.getString("clinic_name"),
            rs.getString("clinic_time_zone"));

    private final JdbcClient jdbc;

    public AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes this patient's bookings until the transaction ends, so counting then inserting is race-free. */
    public void lockPatient(UUID patientId) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(patientId.getMostSignificantBits() ^ patientId.getLeastSignificantBits())
                .query((rs, n) -> 1)
                .single();
    }

    public Optional<BookableSlot> findBookableSlot(UUID slotId) {
        return jdbc.sql(
                        "select s.*, d.status doctor_status from slots s join doctors d on d.id = s.doctor_id where s.id = ?")
                .param(slotId)
                .query((rs, n) -> new BookableSlot(
                        new Slot(
                                rs.getObject("id", UUID.class),
                                rs.getObject("doctor_id", UUID.class),
                                rs.getObject("clinic_id", UUID.class),
                                instant(rs.getObject("start_at", OffsetDateTime.class)),
                                instant(rs.getObject("end_at", OffsetDateTime.class)),
                                SlotStatus.valueOf(rs.getString("status"))),
                        DoctorStatus.valueOf(rs.getString("doctor_status"))))
                .optional();
    }

    /** The patient's BOOKED appointments starting after {@code now}. */
    public long countFutureBooked(UUID patientId, Instant now) {
        return jdbc.sql("select count(*) from appointments where patient_id = ? and status = 'BOOKED' and start_at > ?")
                .params(patientId, utc(now))
                .query(Long.class)
                .single();
    }

    /** Whether the patient holds a BOOKED appointment overlapping {@code [start, end)}. */
    public boolean hasOverlap(UUID patientId, Instant start, Instant end) {
        return hasOverlapOtherThan(patientId, start, end, null);
    }

    /**
     * Whether the patient holds a BOOKED appointment overlapping {@code [start, end)}, other than {@code exceptId}
     * (the appointment being moved; null for none).
     */
    public boolean hasOverlapOtherThan(UUID patientId, Instant start, Instant end, UUID exceptId) {
        return jdbc.sql("""
                select exists (select 1 from appointments where patient_id = ? and status = 'BOOKED'
                                  and tstzrange(start_at, end_at) && tstzrange(?, ?)
                                  and (cast(? as uuid) is null or id <> ?))
                """)
                .params(patientId, utc(start), utc(end), exceptId, exceptId)
                .query(Boolean.class)
                .single();
    }

    /**
     * AVAILABLE -> BOOKED in one statement: among concurrent claims exactly one sees the row AVAILABLE (the
     * others wait on its row lock, then find it BOOKED).
     *
     * @return true for the winner
     */
    public boolean claimSlot(UUID slotId) {
        return jdbc.sql("update slots set status = 'BOOKED' where id = ? and status = 'AVAILABLE' returning id")
                .param(slotId)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Current status of a slot, if it exists. */
    public Optional<SlotStatus> slotStatus(UUID slotId) {
        return jdbc.sql("select status from slots where id = ?")
                .param(slotId)
                .query((rs, n) -> SlotStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /**
     * Inserts a BOOKED appointment; false when a constraint (live appointment on the slot, overlap) refused it.
     *
     * @param patientEmail where notifications go (may be null)
     * @param locale {@code ru} or {@code en}: the language of notifications
     */
    public boolean insertBooked(
            UUID id, UUID patientId, String patientEmail, String locale, Slot slot, Instant createdAt) {
        return jdbc.sql("""
                insert into appointments (id, patient_id, patient_email, locale, slot_id, doctor_id, clinic_id,
                                          start_at, end_at, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?) on conflict do nothing
                """)
                        .params(
                                id,
                                patientId,
                                patientEmail,
                                locale,
                                slot.id(),
                                slot.doctorId(),
                                slot.clinicId(),
                                utc(slot.start()),
                                utc(slot.end()),
                                utc(createdAt))
                        .update()
                > 0;
    }

    /**
     * The data of an appointment event as the appointment is now (no previous slot: that is a reschedule's).
     * {@code cancelledBy} is {@code PATIENT} when the patient cancelled, {@code STAFF} when someone else did.
     */
    public Optional<AppointmentEventData> findEventData(UUID id) {
        return jdbc.sql("""
                select a.*, d.full_name doctor_name, c.name clinic_name, c.address clinic_address,
                       c.time_zone clinic_time_zone
                  from appointments a join doctors d on d.id = a.doctor_id join clinics c on c.id = a.clinic_id
                 where a.id = ?
                """)
                .param(id)
                .query((rs, n) -> {
                    var cancelledBy = rs.getObject("cancelled_by", UUID.class);
                    var patientId = rs.getObject("patient_id", UUID.class);
                    return new AppointmentEventData(
                            rs.getObject("id", UUID.class),
                            rs.getObject("slot_id", UUID.class),
                            rs.getObject("doctor_id", UUID.class),
                            rs.getString("doctor_name"),
                            rs.getObject("clinic_id", UUID.class),
                            rs.getString("clinic_name"),
                            rs.getString("clinic_address"),
                            rs.getString("clinic_time_zone"),
                            patientId,
                            rs.getString("patient_email"),
                            rs.getString("locale"),
                            instant(rs.getObject("start_at", OffsetDateTime.class)),
                            instant(rs.getObject("end_at", OffsetDateTime.class)),
                            rs.getString("status"),
                            rs.getString("cancel_reason"),
                            cancelledBy == null ? null : cancelledBy.equals(patientId) ? "PATIENT" : "STAFF",
                            null,
                            null,
                            null,
                            null);
                })
                .optional();
    }

    public Optional<Appointment> findById(UUID id) {
        return jdbc.sql(VIEW + " where a.id = ?").param(id).query(MAPPER).optional();
    }

    /** Locks the appointment's row for a status change. */
    public Optional<Appointment> findByIdForUpdate(UUID id) {
        return jdbc.sql(VIEW + " where a.id = ? for update of a")
                .param(id)
                .query(MAPPER)
                .optional();
    }

    /** BOOKED -> CANCELLED; false when it was not BOOKED. */
    public boolean cancel(UUID id, Instant at, String reason, UUID by) {
        return jdbc.sql("""
                update appointments set status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?, cancelled_by = ?
                 where id = ? and status = 'BOOKED'
                """).params(utc(at), reason, by, id).update() > 0;
    }

    /**
     * Moves a BOOKED appointment onto {@code slot} (already claimed by the caller); false when it was not BOOKED.
     */
    public boolean moveToSlot(UUID id, Slot slot) {
        return jdbc.sql("""
                update appointments set slot_id = ?, clinic_id = ?, start_at = ?, end_at = ?,
                                        reschedule_count = reschedule_count + 1
                 where id = ? and status = 'BOOKED'
                """)
                        .params(slot.id(), slot.clinicId(), utc(slot.start()), utc(slot.end()), id)
                        .update()
                > 0;
    }

    /**
     * Marks up to {@code limit} BOOKED appointments that ended by {@code now} COMPLETED, oldest first. Rows another
     * transaction holds (a replica running the same job, a no-show being marked) are skipped, not waited for, so
     * several replicas share the work and never complete one appointment twice.
     *
     * @return the ids completed
     */
    public List<UUID> completeEnded(Instant now, int limit) {
        return jdbc.sql("""
                update appointments set status = 'COMPLETED', outcome_at = :now
                 where id in (select id from appointments where status = 'BOOKED' and end_at <= :now
                               order by end_at limit :limit for update skip locked)
                   and status = 'BOOKED'
                returning id
                """)
                .param("now", utc(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** BOOKED or COMPLETED -> NO_SHOW, recording who marked it; false otherwise. */
    public boolean markNoShow(UUID id, Instant at, UUID by) {
        return jdbc.sql("""
                update appointments set status = 'NO_SHOW', outcome_at = ?, outcome_by = ?
                 where id = ? and status in ('BOOKED', 'COMPLETED')
                """).params(utc(at), by, id).update() > 0;
    }

    /** Whether the patient has reviewed the appointment. */
    public boolean isReviewed(UUID id) {
        return jdbc.sql("select exists (select 1 from reviews where appointment_id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    /**
     * A page of the patient's appointments: upcoming (not yet ended, soonest first) or past (ended, latest first).
     */
    public List<Appointment> findByPatient(UUID patientId, boolean upcoming, Instant now, long offset, int limit) {
        return jdbc.sql(VIEW + " where a.patient_id = ? and " + (upcoming ? "a.end_at > ?" : "a.end_at <= ?")
                        + " order by a.start_at " + (upcoming ? "asc" : "desc") + ", a.id offset ? limit ?")
                .params(patientId, utc(now), offset, limit)
                .query(MAPPER)
                .list();
    }

    public long countByPatient(UUID patientId, boolean upcoming, Instant now) {
        return jdbc.sql("select count(*) from appointments a where a.patient_id = ? and "
                        + (upcoming ? "a.end_at > ?" : "a.end_at <= ?"))
                .params(patientId, utc(now))
                .query(Long.class)
                .single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
