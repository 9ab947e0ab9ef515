package io.polyclinic.analytics.rollup;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
        int n = visitors.size();
        var site = new Object[n];
        var granularity = new Object[n];
        var bucket = new Object[n];
        var dimension = new Object[n];
        var value = new Object[n];
        var visitor = new Object[n];
        for (int i = 0; i < n; i++) {
            var v = visitors.get(i);
            site[i] = v.key().siteId();
            granularity[i] = v.key().granularity();
            bucket[i] = Timestamp.valueOf(v.key().bucket());
            dimension[i] = v.key().dimension();
            value[i] = v.key().value();
            visitor[i] = v.visitorId();
        }
        jdbc.execute((Connection connection) -> {
            try (var statement = connection.prepareStatement(MARK_VISITORS)) {
                statement.setArray(1, connection.createArrayOf("uuid", site));
                statement.setArray(2, connection.createArrayOf("text", granularity));
                statement.setArray(3, connection.createArrayOf("timestamp", bucket));
                statement.setArray(4, connection.createArrayOf("text", dimension));
                statement.setArray(5, connection.createArrayOf("text", value));
                statement.setArray(6, connection.createArrayOf("int8", visitor));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        var key = new RollupDeltas.Key(
                                rows.getObject(1, UUID.class),
                                rows.getString(2),
                                rows.getTimestamp(3).toLocalDateTime(),
                                rows.getString(4),
                                rows.getString(5));
                        fresh.merge(key, 1L, Long::sum);
                    }
                }
            }
            return null;
        });
        return fresh;
    }

    /** Adds the sums (and new visitors) to their rows, creating the rows that do not exist yet. */
    void upsert(Map<RollupDeltas.Key, long[]> sums, Map<RollupDeltas.Key, Long> newVisitors) {
        if (sums.isEmpty()) {
            return;
        }
        var keys = new ArrayList<>(sums.keySet());
        int n = keys.size();
        var columns = new Object[11][n];
        for (int i = 0; i < n; i++) {
            var key = keys.get(i);
            var sum = sums.get(key);
            columns[0][i] = key.siteId();
            columns[1][i] = key.granularity();
            columns[2][i] = Timestamp.valueOf(key.bucket());
            columns[3][i] = key.dimension();
            columns[4][i] = key.value();
            columns[5][i] = sum[RollupDeltas.PAGEVIEWS];
            columns[6][i] = sum[RollupDeltas.EVENTS];
            columns[7][i] = newVisitors.getOrDefault(key, 0L);
            columns[8][i] = sum[RollupDeltas.SESSIONS];
            columns[9][i] = sum[RollupDeltas.BOUNCES];
            columns[10][i] = sum[RollupDeltas.DURATION];
        }
        String[] types = {"uuid", "text", "timestamp", "text", "text", "int8", "int8", "int8", "int8", "int8", "int8"};
        jdbc.execute((Connection connection) -> {
            try (var statement = connection.prepareStatement(UPSERT)) {
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets which visitors the buckets before {@code before} counted (their late events are no longer taken). */
    int pruneVisitors(LocalDateTime before) {
        return jdbc.update("delete from rollup_visitors where bucket < ?", Timestamp.valueOf(before));
    }
}
