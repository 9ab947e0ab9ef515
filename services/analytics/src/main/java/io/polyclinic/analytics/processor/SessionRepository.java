package io.polyclinic.analytics.processor;

import io.polyclinic.platform.jdbc.UnnestBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of table {@code sessions}. */
@Repository
public class SessionRepository {

    private static final String UPSERT = """
            insert into sessions (session_id, site_id, visitor_id, started_at, last_seen, pageviews, events, entry_page,
                                  source, utm_source, utm_medium, utm_campaign, country, device, browser)
            select * from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::int[],
                                 ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[])
            on conflict (session_id) do update set
                started_at = excluded.started_at, last_seen = excluded.last_seen, pageviews = excluded.pageviews,
                events = excluded.events, entry_page = excluded.entry_page, source = excluded.source,
                utm_source = excluded.utm_source, utm_medium = excluded.utm_medium,
                utm_campaign = excluded.utm_campaign, country = excluded.country, device = excluded.device,
                browser = excluded.browser
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public SessionRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The sessions of these visitors of one site that were active between {@code from} and {@code to}. */
    List<SessionState> findNear(UUID siteId, Collection<Long> visitorIds, Instant from, Instant to) {
        return jdbc.sql("""
                        select * from sessions
                        where site_id = ? and visitor_id = any(?) and last_seen >= ? and started_at <= ?
                        """)
                .param(siteId)
                .param(visitorIds.toArray(Long[]::new))
                .param(Timestamp.from(from))
                .param(Timestamp.from(to))
                .query(SessionRepository::map)
                .list();
    }

    /** Writes the sessions' current state. */
    void upsert(Collection<SessionState> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        var batch = new UnnestBatch(
                "uuid",
                "uuid",
                "int8",
                "timestamptz",
                "timestamptz",
                "int4",
                "int4",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text");
        for (var s : sessions) {
            batch.add(
                    s.sessionId(),
                    s.siteId(),
                    s.visitorId(),
                    Timestamp.from(s.startedAt()),
                    Timestamp.from(s.lastSeen()),
                    s.pageviews(),
                    s.events(),
                    s.entryPage(),
                    s.source(),
                    s.utmSource(),
                    s.utmMedium(),
                    s.utmCampaign(),
                    s.country(),
                    s.device(),
                    s.browser());
        }
        batch.update(template, UPSERT);
    }

    /** Deletes sessions last seen before {@code before} (with the raw events' retention). */
    int deleteBefore(Instant before) {
        return jdbc.sql("delete from sessions where last_seen < ?")
                .param(Timestamp.from(before))
                .update();
    }

    private static SessionState map(ResultSet rs, int row) throws SQLException {
        return new SessionState(
                rs.getObject("session_id", UUID.class),
                rs.getObject("site_id", UUID.class),
                rs.getLong("visitor_id"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("last_seen").toInstant(),
                rs.getInt("pageviews"),
                rs.getInt("events"),
                rs.getString("entry_page"),
                rs.getString("source"),
                rs.getString("utm_source"),
                rs.getString("utm_medium"),
                rs.getString("utm_campaign"),
                rs.getString("country"),
                rs.getString("device"),
                rs.getString("browser"));
    }
}
