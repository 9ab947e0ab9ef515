package io.polyclinic.booking.review;

import io.polyclinic.booking.appointment.AppointmentStatus;
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
 * Rows of {@code reviews} and the doctor rating they feed. One review per appointment is the unique constraint
 * {@code reviews_one_per_appointment}; the doctor's {@code rating_avg}/{@code rating_count} are recomputed from the
 * visible reviews while the doctor's row is locked, so concurrent reviews cannot lose an update.
 */
@Repository
public class ReviewRepository {

    /** What a review needs to know of its appointment. */
    public record AppointmentRef(UUID patientId, UUID doctorId, AppointmentStatus status) {}

    private static final RowMapper<Review> MAPPER = (rs, n) -> new Review(
            rs.getObject("id", UUID.class),
            rs.getObject("doctor_id", UUID.class),
            rs.getInt("rating"),
            rs.getString("text"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    public ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean doctorExists(UUID doctorId) {
        return jdbc.sql("select exists (select 1 from doctors where id = ?)")
                .param(doctorId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Locks the appointment's row (a no-show being marked waits, and so does a second review of it) and reads it.
     */
    public Optional<AppointmentRef> lockAppointment(UUID appointmentId) {
        return jdbc.sql("select patient_id, doctor_id, status from appointments where id = ? for update")
                .param(appointmentId)
                .query((rs, n) -> new AppointmentRef(
                        rs.getObject("patient_id", UUID.class),
                        rs.getObject("doctor_id", UUID.class),
                        AppointmentStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Locks the doctor's row until the transaction ends: rating updates of one doctor run one after another. */
    public void lockDoctor(UUID doctorId) {
        jdbc.sql("select id from doctors where id = ? for update")
                .param(doctorId)
                .query(UUID.class)
                .optional();
    }

    /** Inserts a review; false when the appointment has one already. */
    public boolean insert(
            UUID id, UUID appointmentId, UUID doctorId, UUID patientId, int rating, String text, Instant at) {
        return jdbc.sql("""
                insert into reviews (id, appointment_id, doctor_id, patient_id, rating, text, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (appointment_id) do nothing
                """)
                        .params(id, appointmentId, doctorId, patientId, rating, text, utc(at))
                        .update()
                > 0;
    }

    /**
     * Sets the doctor's rating average (2 decimals, 0 without reviews) and count from the visible reviews. Call it
     * with the doctor's row locked ({@link #lockDoctor}), so that this statement sees every committed review.
     */
    public void recomputeRating(UUID doctorId) {
        jdbc.sql("""
                update doctors d set rating_avg = coalesce(r.average, 0), rating_count = r.total
                  from (select round(avg(rating), 2) average, count(*) total
                          from reviews where doctor_id = :doctorId and hidden_at is null) r
                 where d.id = :doctorId
                """).param("doctorId", doctorId).update();
    }

    public Optional<Review> findById(UUID id) {
        return jdbc.sql("select * from reviews where id = ?")
                .param(id)
                .query(MAPPER)
                .optional();
    }

    /** A visible review of this doctor. */
    public Optional<Review> findVisible(UUID doctorId, UUID id) {
        return jdbc.sql("select * from reviews where id = ? and doctor_id = ? and hidden_at is null")
                .params(id, doctorId)
                .query(MAPPER)
                .optional();
    }

    /** Hides a visible review; false when it was hidden already. */
    public boolean hide(UUID id, Instant at, UUID by, String reason) {
        return jdbc.sql("""
                update reviews set hidden_at = ?, hidden_by = ?, hidden_reason = ? where id = ? and hidden_at is null
                """).params(utc(at), by, reason, id).update() > 0;
    }

    /** Shows a hidden review again; false when it was visible. */
    public boolean unhide(UUID id) {
        return jdbc.sql("""
                update reviews set hidden_at = null, hidden_by = null, hidden_reason = null
                 where id = ? and hidden_at is not null
                """).param(id).update() > 0;
    }

    /** A page of the doctor's visible reviews, newest first (index {@code reviews_doctor_visible_idx}). */
    public List<Review> findVisible(UUID doctorId, long offset, int limit) {
        return jdbc.sql("""
                select * from reviews where doctor_id = ? and hidden_at is null
                 order by created_at desc, id desc offset ? limit ?
                """).params(doctorId, offset, limit).query(MAPPER).list();
    }

    public long countVisible(UUID doctorId) {
        return jdbc.sql("select count(*) from reviews where doctor_id = ? and hidden_at is null")
                .param(doctorId)
                .query(Long.class)
                .single();
    }

    private static final RowMapper<ModeratedReview> MODERATED = (rs, n) -> {
        var hiddenAt = rs.getObject("hidden_at", OffsetDateTime.class);
        return new ModeratedReview(
                rs.getObject("id", UUID.class),
                rs.getObject("doctor_id", UUID.class),
                rs.getString("doctor_name"),
                rs.getInt("rating"),
                rs.getString("text"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                hiddenAt == null ? null : hiddenAt.toInstant(),
                rs.getString("hidden_reason"));
    };

    /**
     * A page of the moderation queue: every review newest first ({@code hidden} null), the visible ones newest first
     * (false), or the hidden ones, most recently hidden first (true).
     */
    public List<ModeratedReview> findForModeration(Boolean hidden, long offset, int limit) {
        var order = Boolean.TRUE.equals(hidden)
                ? " order by r.hidden_at desc, r.id desc"
                : " order by r.created_at desc, r.id desc";
        return jdbc.sql("select r.*, d.full_name doctor_name from reviews r join doctors d on d.id = r.doctor_id"
                        + moderationFilter(hidden) + order + " offset ? limit ?")
                .params(offset, limit)
                .query(MODERATED)
                .list();
    }

    /** How many reviews the moderation queue holds for this filter. */
    public long countForModeration(Boolean hidden) {
        return jdbc.sql("select count(*) from reviews r" + moderationFilter(hidden))
                .query(Long.class)
                .single();
    }

    private static String moderationFilter(Boolean hidden) {
        return hidden == null ? "" : hidden ? " where r.hidden_at is not null" : " where r.hidden_at is null";
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
