package io.polyclinic.analytics.rollup;

import io.polyclinic.platform.jdbc.UnnestBatch;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes of tables {@code rollups} and {@code rollup_visitors}: one statement each per batch (arrays unnested). */
@Repository
public class RollupRepository {

    private static final String MARK_VISITORS = """
            insert into rollup_visitors (site_id, granularity, bucket, dimension, value, visitor_id)
            select * from unnest(?::uuid[], ?::text[], ?::timestamp[], ?::text[], ?::text[], ?::bigint[])
            on conflict do nothing
            returning site_id, granularity, bucket, dimension, value
            """;

    private static final String UPSERT = """
            insert into rollups (site_id, granularity, bucket, dimension, value, pageviews, events, visitors, sessions,
                                 bounces, duration_seconds)
            select * from unnest(?::uuid[], ?::text[], ?::timestamp[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                                 ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            on conflict (site_id, granularity, dimension, bucket, value) do update set
                pageviews = rollups.pageviews + excluded.pageviews,
                events = rollups.events + excluded.events,
                visitors = rollups.visitors + excluded.visitors,
                sessions = rollups.sessions + excluded.sessions,
                bounces = rollups.bounces + excluded.bounces,
                duration_seconds = rollups.duration_seconds + excluded.duration_seconds
            """;

    private final JdbcTemplate jdbc;

    public RollupRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the visitors; answers how many were new per row key (the rest were counted before). */
    Map<RollupDeltas.Key, Long> markVisitors(List<RollupDeltas.Visitor> visitors) {
        var fresh = new HashMap<RollupDeltas.Key, Long>();
        if (visitors.isEmpty()) {
            return fresh;
        }
        var batch = new UnnestBatch("uuid", "text", "timestamp", "text", "text", "int8");
        for (var v : visitors) {
            var key = v.key();
            batch.add(
                    key.siteId(),
                    key.granularity(),
                    Timestamp.valueOf(key.bucket()),
                    key.dimension(),
                    key.value(),
                    v.visitorId());
        }
        return batch.query(jdbc, MARK_VISITORS, rows -> {
            while (rows.next()) {
                var key = new RollupDeltas.Key(
                        rows.getObject(1, UUID.class),
                        rows.getString(2),
                        rows.getTimestamp(3).toLocalDateTime(),
                        rows.getString(4),
                        rows.getString(5));
                fresh.merge(key, 1L, Long::sum);
            }
            return fresh;
        });
    }

    /** Adds the sums (and new visitors) to their rows, creating the rows that do not exist yet. */
    void upsert(Map<RollupDeltas.Key, long[]> sums, Map<RollupDeltas.Key, Long> newVisitors) {
        if (sums.isEmpty()) {
            return;
        }
        var batch = new UnnestBatch(
                "uuid", "text", "timestamp", "text", "text", "int8", "int8", "int8", "int8", "int8", "int8");
        for (var entry : sums.entrySet()) {
            var key = entry.getKey();
            var sum = entry.getValue();
            batch.add(
                    key.siteId(),
                    key.granularity(),
                    Timestamp.valueOf(key.bucket()),
                    key.dimension(),
                    key.value(),
                    sum[RollupDeltas.PAGEVIEWS],
                    sum[RollupDeltas.EVENTS],
                    newVisitors.getOrDefault(key, 0L),
                    sum[RollupDeltas.SESSIONS],
                    sum[RollupDeltas.BOUNCES],
                    sum[RollupDeltas.DURATION]);
        }
        batch.update(jdbc, UPSERT);
    }

    /** Forgets which visitors the buckets before {@code before} counted (their late events are no longer taken). */
    int pruneVisitors(LocalDateTime before) {
        return jdbc.update("delete from rollup_visitors where bucket < ?", Timestamp.valueOf(before));
    }
}
