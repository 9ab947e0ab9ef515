package io.polyclinic.notifier.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code email} table: the notifier's outbox of emails, one row per cause. */
@Repository
public class EmailRepository {

    private final JdbcClient jdbc;

    public EmailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An email with its delivery state. */
    public record StoredEmail(OutgoingEmail email, EmailStatus status, int attempts) {}

    /**
     * Adds the email as PENDING unless a row with its id exists.
     *
     * @param nextAttemptAt when the relay may send it if its first send did not succeed
     * @param traceId the trace under which it was decided (32 hex digits), or {@code null}
     * @return whether it was added
     */
    public boolean insertIfAbsent(OutgoingEmail e, Instant nextAttemptAt, String traceId) {
        return jdbc.sql("""
                        insert into email (id, channel, template, recipient, subject, text_body, html_body, ics,
                            ics_method, status, next_attempt_at, trace_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                        on conflict (id) do nothing""")
                        .params(
                                e.id(),
                                e.channel().name(),
                                e.template(),
                                e.recipient(),
                                e.subject(),
                                e.textBody(),
                                e.htmlBody(),
                                e.ics(),
                                e.icsMethod(),
                                nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                                traceId)
                        .update()
                == 1;
    }

    /** The email's status, or empty when there is no such email. */
    public Optional<EmailStatus> status(UUID id) {
        return jdbc.sql("select status from email where id = ?")
                .param(id)
                .query((rs, row) -> EmailStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /**
     * Claims the email until {@code leaseUntil} if it is PENDING and nobody holds a live claim on it (one statement,
     * committed at once: no lock outlives it); empty otherwise. The claim ends with {@link #markSent} or
     * {@link #markAttemptFailed}, or when the lease runs out.
     */
    public Optional<StoredEmail> claimPending(UUID id, Instant leaseUntil) {
        return jdbc.sql("""
                        update email set claimed_until = ?
                        where id = ? and status = 'PENDING' and (claimed_until is null or claimed_until < now())
                        returning *""")
                .params(Timestamp.from(leaseUntil), id)
                .query(EmailRepository::map)
                .optional();
    }

    /** Ids of PENDING emails due for a (re)try at {@code now}, oldest due first. */
    public List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                        select id from email
                        where status = 'PENDING' and next_attempt_at is not null and next_attempt_at <= ?
                          and (claimed_until is null or claimed_until < now())
                        order by next_attempt_at
                        limit ?""")
                .params(Timestamp.from(now), limit)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** Marks the email sent. */
    public void markSent(UUID id, Instant at) {
        jdbc.sql("update email set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null,"
                        + " next_attempt_at = null, claimed_until = null where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /**
     * Records a failed attempt.
     *
     * @param nextAttemptAt when to retry, or {@code null} when it is given up
     * @param giveUp mark it FAILED: no more retries
     */
    public void markAttemptFailed(UUID id, String error, Instant nextAttemptAt, boolean giveUp) {
        jdbc.sql("update email set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?,"
                        + " claimed_until = null where id = ?")
                .params(
                        error,
                        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                        giveUp ? EmailStatus.FAILED.name() : EmailStatus.PENDING.name(),
                        id)
                .update();
    }

    private static StoredEmail map(ResultSet rs, int row) throws SQLException {
        var email = new OutgoingEmail(
                rs.getObject("id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("template"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("text_body"),
                rs.getString("html_body"),
                rs.getString("ics"),
                rs.getString("ics_method"));
        return new StoredEmail(email, EmailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"));
    }
}
