package io.polyclinic.analytics.conversion;

import io.polyclinic.analytics.conversion.BookingGoal.Count;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of tables {@code tracked_visits} and {@code booking_conversions}; the sites' domains from {@code sites}. */
@Repository
public class ConversionRepository {

    /** A site as the attribution needs it. */
    record SiteRef(UUID id, List<String> domains) {}

    /** Where a session came from, as stored. */
    record VisitRow(
            String trackerSessionId,
            UUID siteId,
            Instant firstSeen,
            String referrerSource,
            @Nullable String utmSource,
            @Nullable String utmMedium,
            @Nullable String utmCampaign,
            String entryPath) {}

    private final JdbcClient jdbc;

    public ConversionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The active sites of these tracking ids, by tracking id. */
    Map<String, SiteRef> activeSites(Collection<String> trackingIds) {
        return jdbc
                .sql("select tracking_id, id, domains from sites where active and tracking_id = any(?)")
                .param(trackingIds.toArray(String[]::new))
                .query((rs, n) ->
                        Map.entry(rs.getString(1), new SiteRef(rs.getObject(2, UUID.class), Arrays.asList((String[])
                                rs.getArray(3).getArray()))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Stores where each session came from; of two pageviews of one session the earlier wins, whatever the order they
     * are stored in (two consumers of different partitions may see one session's pageviews).
     */
    void upsertVisits(List<VisitRow> rows) {
        for (var row : rows) {
            jdbc.sql("""
                            insert into tracked_visits (tracker_session_id, site_id, first_seen, referrer_source,
                                                        utm_source, utm_medium, utm_campaign, entry_path)
                            values (?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (tracker_session_id) do update
                            set first_seen = excluded.first_seen, referrer_source = excluded.referrer_source,
                                utm_source = excluded.utm_source, utm_medium = excluded.utm_medium,
                                utm_campaign = excluded.utm_campaign, entry_path = excluded.entry_path
                            where excluded.first_seen < tracked_visits.first_seen
                              and excluded.site_id = tracked_visits.site_id
                            """)
                    .params(
                            row.trackerSessionId(),
                            row.siteId(),
                            Timestamp.from(row.firstSeen()),
                            row.referrerSource(),
                            row.utmSource(),
                            row.utmMedium(),
                            row.utmCampaign(),
                            row.entryPath())
                    .update();
        }
    }

    /**
     * Records a booking from a tracked visit; a redelivered event (same appointment or event id) changes nothing.
     *
     * @return whether it was new
     */
    boolean insertConversion(UUID appointmentId, UUID eventId, String trackerSessionId, UUID clinicId, Instant at) {
        return jdbc.sql("""
                                insert into booking_conversions (appointment_id, event_id, tracker_session_id,
                                                                 clinic_id, booked_at)
                                values (?, ?, ?, ?, ?)
                                on conflict do nothing
                                """)
                        .params(appointmentId, eventId, trackerSessionId, clinicId, Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Bookings in {@code [from, to)} attributed to the site's visits. */
    long bookings(UUID siteId, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) from booking_conversions c
                        join tracked_visits v on v.tracker_session_id = c.tracker_session_id
                        where v.site_id = ? and c.booked_at >= ? and c.booked_at < ?
                        """)
                .params(siteId, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** Tracker sessions of the site that started in {@code [from, to)}. */
    long visits(UUID siteId, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) from tracked_visits
                        where site_id = ? and first_seen >= ? and first_seen < ?
                        """)
                .params(siteId, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** Bookings in {@code [from, to)} per value of a visit column ({@code referrer_source} or {@code utm_campaign}). */
    List<Count> bookingsBy(UUID siteId, Instant from, Instant to, boolean byCampaign, int limit) {
        var column = byCampaign ? "v.utm_campaign" : "v.referrer_source";
        return jdbc.sql("select " + column + ", count(*) from booking_conversions c"
                        + " join tracked_visits v on v.tracker_session_id = c.tracker_session_id"
                        + " where v.site_id = ? and c.booked_at >= ? and c.booked_at < ? and " + column
                        + " is not null group by 1 order by 2 desc, 1 limit ?")
                .params(siteId, Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }
}
