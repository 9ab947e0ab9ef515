package io.polyclinic.analytics.rollup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one batch changes in the rollups, gathered before a single write: sums to add per bucket (pageviews, events,
 * sessions, bounces, visit duration; negative for a session's old contribution that moves) and the visitors seen per
 * bucket, who count once each. Buckets are the hour and the day of an instant in the site's time zone.
 */
public final class RollupDeltas {

    /** The total's dimension. */
    public static final String TOTAL = "total";

    static final int PAGEVIEWS = 0;
    static final int EVENTS = 1;
    static final int SESSIONS = 2;
    static final int BOUNCES = 3;
    static final int DURATION = 4;

    /** One rollup row's key. */
    record Key(UUID siteId, String granularity, LocalDateTime bucket, String dimension, String value) {}

    /** A visitor seen in one row's bucket. */
    record Visitor(Key key, long visitorId) {}

    private final Map<Key, long[]> sums = new LinkedHashMap<>();
    private final List<Visitor> visitors = new ArrayList<>();

    /**
     * Counts one event.
     *
     * @param dimensions the event's dimension values (dimension to value; the total is added here)
     */
    public void addEvent(
            UUID siteId, ZoneId zone, Instant at, boolean pageview, long visitorId, Map<String, String> dimensions) {
        for (var key : keys(siteId, zone, at, dimensions)) {
            var sum = sum(key);
            sum[EVENTS]++;
            if (pageview) {
                sum[PAGEVIEWS]++;
            }
            visitors.add(new Visitor(key, visitorId));
        }
    }

    /**
     * Adds ({@code sign} 1) or removes ({@code sign} -1) a session's contribution in the buckets of its start.
     *
     * @param dimensions the session's entry attributes (dimension to value)
     * @param bounce whether it is a bounce (at most one page view)
     * @param durationSeconds from its first to its last event
     */
    public void addSession(
            UUID siteId,
            ZoneId zone,
            Instant start,
            Map<String, String> dimensions,
            int sign,
            boolean bounce,
            long durationSeconds) {
        for (var key : keys(siteId, zone, start, dimensions)) {
            var sum = sum(key);
            sum[SESSIONS] += sign;
            sum[BOUNCES] += bounce ? sign : 0;
            sum[DURATION] += sign * durationSeconds;
        }
    }

    /** Whether nothing changes. */
    public boolean isEmpty() {
        return sums.isEmpty();
    }

    Map<Key, long[]> sums() {
        return sums;
    }

    List<Visitor> visitors() {
        return visitors;
    }

    private long[] sum(Key key) {
        return sums.computeIfAbsent(key, k -> new long[5]);
    }

    private static List<Key> keys(UUID siteId, ZoneId zone, Instant at, Map<String, String> dimensions) {
        var local = LocalDateTime.ofInstant(at, zone);
        var hour = local.truncatedTo(ChronoUnit.HOURS);
        var day = local.truncatedTo(ChronoUnit.DAYS);
        var keys = new ArrayList<Key>(2 * (dimensions.size() + 1));
        for (var bucket : List.of(new Object[] {"hour", hour}, new Object[] {"day", day})) {
            var granularity = (String) bucket[0];
            var start = (LocalDateTime) bucket[1];
            keys.add(new Key(siteId, granularity, start, TOTAL, ""));
            for (var dimension : dimensions.entrySet()) {
                if (dimension.getValue() != null && !dimension.getValue().isEmpty()) {
                    keys.add(new Key(siteId, granularity, start, dimension.getKey(), dimension.getValue()));
                }
            }
        }
        return keys;
    }
}
