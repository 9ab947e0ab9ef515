package io.polyclinic.analytics.realtime;

import io.polyclinic.analytics.realtime.RealtimeSnapshot.CountryCount;
import io.polyclinic.analytics.realtime.RealtimeSnapshot.PageCount;
import io.polyclinic.analytics.realtime.RealtimeSnapshot.RecentEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The live figures, read from the stored events (table {@code events}, written by every processor replica): a
 * replica consuming some partitions still answers for all of them, because the figures come from the one database
 * all replicas write (decision 0050). Every query is a range scan of index {@code events_site_time} over the last
 * minutes, in the newest day partitions only.
 */
@Repository
public class RealtimeRepository {

    private final JdbcClient jdbc;

    public RealtimeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Distinct visitors and pageviews of the site since {@code since}: {@code [visitors, pageviews]}. */
    long[] visitorsAndPageviews(UUID siteId, Instant since) {
        return jdbc.sql("""
                        select count(distinct visitor_id), count(*) filter (where type = 'pageview')
                        from events where site_id = ? and received_at >= ?
                        """)
                .params(siteId, Timestamp.from(since))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /** The paths with the most pageviews since {@code since}, most first. */
    List<PageCount> topPages(UUID siteId, Instant since, int limit) {
        return jdbc.sql("""
                        select path, count(*) from events
                        where site_id = ? and received_at >= ? and type = 'pageview'
                        group by path order by count(*) desc, path limit ?
                        """)
                .params(siteId, Timestamp.from(since), limit)
                .query((rs, n) -> new PageCount(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** Distinct visitors per country since {@code since}, most first. */
    List<CountryCount> countries(UUID siteId, Instant since, int limit) {
        return jdbc.sql("""
                        select country, count(distinct visitor_id) from events
                        where site_id = ? and received_at >= ?
                        group by country order by count(distinct visitor_id) desc, country limit ?
                        """)
                .params(siteId, Timestamp.from(since), limit)
                .query((rs, n) -> new CountryCount(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** The newest events since {@code since}, newest first. */
    List<RecentEvent> lastEvents(UUID siteId, Instant since, int limit) {
        return jdbc.sql("""
                        select received_at, type, name, path, referrer_source, country, device from events
                        where site_id = ? and received_at >= ?
                        order by received_at desc, event_id desc limit ?
                        """)
                .params(siteId, Timestamp.from(since), limit)
                .query((rs, n) -> new RecentEvent(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    /** Distinct visitors of the site in {@code [from, to)}: the figure of the "visitors per hour" alert. */
    long visitorsBetween(UUID siteId, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(distinct visitor_id) from events
                        where site_id = ? and received_at >= ? and received_at < ?
                        """)
                .params(siteId, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** Whether the site has a pageview received in the last {@code window} before {@code now}. */
    boolean hasPageviewSince(UUID siteId, Instant now, Duration window) {
        return jdbc.sql("""
                        select exists (select 1 from events
                                       where site_id = ? and received_at >= ? and type = 'pageview')
                        """)
                .params(siteId, Timestamp.from(now.minus(window)))
                .query(Boolean.class)
                .single();
    }
}
