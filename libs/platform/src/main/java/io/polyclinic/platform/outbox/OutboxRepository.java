package io.polyclinic.platform.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the {@code outbox} table, which each service creates in its own migrations (booking {@code V4__outbox.sql}
 * and {@code V9__outbox_dead_records.sql}, identity {@code V3__outbox.sql} and {@code V5__outbox_dead_records.sql};
 * the platform's tests use the same DDL from {@code outbox.sql}).
 */
public class OutboxRepository {

    /**
     * Pending rows: how many, and when the oldest was written ({@code null} when none); and how many rows are dead
     * (refused for good by their destination, kept until someone deals with them).
     */
    public record PendingStats(long count, Instant oldestCreatedAt, long dead) {}

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the table exists in the connection's search path. */
    public boolean tableExists() {
        return jdbc.sql("select to_regclass('outbox') is not null")
                .query(Boolean.class)
                .single();
    }

    /**
     * Inserts a pending row.
     *
     * @param traceparent the writing span's W3C {@code traceparent}, or {@code null}
     */
    public void insert(UUID id, String destination, String key, String type, String payload, String traceparent) {
        jdbc.sql("""
                        insert into outbox (id, destination, msg_key, type, payload, traceparent)
                        values (?, ?, ?, ?, ?::jsonb, ?)""").params(id, destination, key, type, payload, traceparent).update();
    }

    /** The destinations with pending rows. */
    public List<String> pendingDestinations() {
        return jdbc.sql("select distinct destination from outbox where published_at is null and dead_at is null")
                .query(String.class)
                .list();
    }

    /**
     * Takes the destination's relay lock until the transaction ends, so that one relay at a time (over all
     * replicas) sends a destination's rows, in {@code id} order.
     *
     * @return false when another relay holds it
     */
    public boolean tryLockDestination(String destination) {
        return jdbc.sql("select pg_try_advisory_xact_lock(hashtext('polyclinic.outbox:' || ?))")
                .param(destination)
                .query(Boolean.class)
                .single();
    }

    /**
     * Claims up to {@code limit} pending rows of the destination, oldest id first, until {@code leaseUntil}: the
     * caller sends them outside this transaction and then marks them with {@link #markPublished}, {@link #markDead}
     * or {@link #markFailed}, which end the claim. Returns nothing while the destination's oldest pending row is under
     * a live claim (another relay is sending the head of the destination), so that batches of one destination are
     * never sent side by side and their {@code id} order holds. Call with the destination's lock held.
     */
    public List<OutboxMessage> claim(String destination, int limit, Instant leaseUntil) {
        var head = jdbc.sql("""
                select coalesce(claimed_until > now(), false) from outbox
                 where published_at is null and dead_at is null and destination = ? order by id limit 1
                """).param(destination).query(Boolean.class).optional();
        if (head.isEmpty() || Boolean.TRUE.equals(head.get())) {
            return List.of();
        }
        var batch = jdbc.sql("""
                select id, destination, msg_key, type, payload::text payload, created_at, traceparent from outbox
                 where published_at is null and dead_at is null and destination = ? order by id limit ?
                   for update skip locked
                """)
                .params(destination, limit)
                .query((rs, n) -> new OutboxMessage(
                        rs.getObject("id", UUID.class),
                        rs.getString("destination"),
                        rs.getString("msg_key"),
                        rs.getString("type"),
                        rs.getString("payload"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("traceparent")))
                .list();
        if (!batch.isEmpty()) {
            jdbc.sql("update outbox set claimed_until = :until where id in (:ids)")
                    .paramSource(Map.of(
                            "until",
                            OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC),
                            "ids",
                            batch.stream().map(OutboxMessage::id).toList()))
                    .update();
        }
        return batch;
    }

    /** Marks the rows published now. */
    public void markPublished(List<UUID> ids) {
        jdbc.sql("update outbox set published_at = now(), attempts = attempts + 1, last_error = null,"
                        + " claimed_until = null where id in (:ids)")
                .paramSource(Map.of("ids", ids))
                .update();
    }

    /** Counts a failed attempt on the rows and keeps the (shortened) error. */
    public void markFailed(List<UUID> ids, String error) {
        jdbc.sql("update outbox set attempts = attempts + 1, last_error = :error, claimed_until = null"
                        + " where id in (:ids)")
                .paramSource(Map.of("ids", ids, "error", error))
                .update();
    }

    /** Marks the row dead: its destination refused it for good; it is never sent again, nor pruned. */
    public void markDead(UUID id, String reason) {
        jdbc.sql("update outbox set dead_at = now(), dead_reason = ?, last_error = ?, attempts = attempts + 1,"
                        + " claimed_until = null where id = ?")
                .params(reason, reason, id)
                .update();
    }

    public PendingStats pendingStats() {
        return jdbc.sql("""
                select count(*) filter (where dead_at is null), min(created_at) filter (where dead_at is null),
                       count(*) filter (where dead_at is not null)
                  from outbox where published_at is null""")
                .query((rs, n) -> {
                    var oldest = rs.getObject(2, OffsetDateTime.class);
                    return new PendingStats(rs.getLong(1), oldest == null ? null : oldest.toInstant(), rs.getLong(3));
                })
                .single();
    }

    /**
     * Deletes up to {@code limit} rows published before {@code before}.
     *
     * @return how many were deleted
     */
    public int prunePublishedBefore(Instant before, int limit) {
        return jdbc.sql("""
                delete from outbox where id in (
                    select id from outbox where published_at < ? order by published_at limit ?)
                """)
                .params(OffsetDateTime.ofInstant(before, ZoneOffset.UTC), limit)
                .update();
    }
}
