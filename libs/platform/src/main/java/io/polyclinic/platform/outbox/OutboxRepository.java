package io.polyclinic.platform.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the {@code outbox} table, which each service creates in its own migrations (booking {@code V4__outbox.sql},
 * identity {@code V3__outbox.sql}; the platform's tests use the same DDL from {@code outbox.sql}).
 */
public class OutboxRepository {

    /** Pending rows: how many, and when the oldest was written ({@code null} when none). */
    public record PendingStats(long count, Instant oldestCreatedAt) {}

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
        return jdbc.sql("select distinct destination from outbox where published_at is null")
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

    /** Locks and returns up to {@code limit} pending rows of the destination, oldest id first. */
    public List<OutboxMessage> claim(String destination, int limit) {
        return jdbc.sql("""
                select id, destination, msg_key, type, payload::text payload, created_at, traceparent from outbox
                 where published_at is null and destination = ? order by id limit ? for update skip locked
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
    }

    /** Marks the rows published now. */
    public void markPublished(List<UUID> ids) {
        jdbc.sql(
                        "update outbox set published_at = now(), attempts = attempts + 1, last_error = null where id in (:ids)")
                .paramSource(Map.of("ids", ids))
                .update();
    }

    /** Counts a failed attempt on the rows and keeps the (shortened) error. */
    public void markFailed(List<UUID> ids, String error) {
        jdbc.sql("update outbox set attempts = attempts + 1, last_error = :error where id in (:ids)")
                .paramSource(Map.of("ids", ids, "error", error))
                .update();
    }

    public PendingStats pendingStats() {
        return jdbc.sql("select count(*), min(created_at) from outbox where published_at is null")
                .query((rs, n) -> {
                    var oldest = rs.getObject(2, OffsetDateTime.class);
                    return new PendingStats(rs.getLong(1), oldest == null ? null : oldest.toInstant());
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
