package io.polyclinic.analytics.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of table {@code rollups} for reports: never of raw events. */
@Repository
public class ReportRepository {

    private static final String SUMS =
            "sum(pageviews) pv, sum(visitors) vi, sum(sessions) se, sum(bounces) bo, sum(duration_seconds) du,"
                    + " sum(events) ev";

    private final JdbcClient jdbc;

    public ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A bucket's or value's summed figures. */
    record Sums(String key, long pageviews, long visitors, long sessions, long bounces, long duration, long events) {}

    /** The totals' rows of {@code granularity} in {@code [from, to)}, per bucket. */
    List<Sums> series(UUID siteId, String granularity, LocalDateTime from, LocalDateTime to) {
        return jdbc.sql("select bucket::text k, " + SUMS
                        + " from rollups where site_id = ? and granularity = ? and dimension = 'total'"
                        + " and bucket >= ? and bucket < ? group by bucket order by bucket")
                .param(siteId)
                .param(granularity)
                .param(Timestamp.valueOf(from))
                .param(Timestamp.valueOf(to))
                .query(ReportRepository::map)
                .list();
    }

    /** The top {@code limit} values of a dimension over the daily rows in {@code [from, to)}, by visitors. */
    List<Sums> top(UUID siteId, String dimension, LocalDateTime from, LocalDateTime to, int limit) {
        return jdbc.sql("select value k, " + SUMS
                        + " from rollups where site_id = ? and granularity = 'day' and dimension = ?"
                        + " and bucket >= ? and bucket < ? group by value"
                        + " order by sum(visitors) desc, sum(pageviews) desc, value limit ?")
                .param(siteId)
                .param(dimension)
                .param(Timestamp.valueOf(from))
                .param(Timestamp.valueOf(to))
                .param(limit)
                .query(ReportRepository::map)
                .list();
    }

    private static Sums map(ResultSet rs, int row) throws SQLException {
        return new Sums(
                rs.getString("k"),
                rs.getLong("pv"),
                rs.getLong("vi"),
                rs.getLong("se"),
                rs.getLong("bo"),
                rs.getLong("du"),
                rs.getLong("ev"));
    }
}
