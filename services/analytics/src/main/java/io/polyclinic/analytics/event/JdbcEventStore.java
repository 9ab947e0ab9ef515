package io.polyclinic.analytics.event;

import io.polyclinic.platform.jdbc.UnnestBatch;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL event store: table {@code events}, range-partitioned by the UTC day of {@code received_at}, one
 * partition {@code events_yyyymmdd} per day (decision 0048). Inserts skip redeliveries through the primary key
 * ({@code on conflict do nothing}) and report which rows were new.
 */
public class JdbcEventStore implements EventStore {

    private static final DateTimeFormatter PARTITION_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Pattern PARTITION_NAME = Pattern.compile("events_(\\d{8})");

    private static final String INSERT = """
            insert into events (event_id, received_at, site_id, client_time, type, name, hostname, path,
                                referrer_host, referrer_source, utm_source, utm_medium, utm_campaign, country,
                                browser, os, device, screen_width, visitor_id, session_id, props, revenue_amount,
                                revenue_currency)
            select * from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::uuid[],
                                 ?::jsonb[], ?::numeric[], ?::text[])
            on conflict do nothing
            returning event_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public JdbcEventStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public List<StoredEvent> insertNew(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        var batch = new UnnestBatch(
                "uuid",
                "timestamptz",
                "uuid",
                "timestamptz",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "int4",
                "int8",
                "uuid",
                "jsonb",
                "numeric",
                "text");
        for (var e : events) {
            batch.add(
                    e.eventId(),
                    Timestamp.from(e.receivedAt()),
                    e.siteId(),
                    e.clientTime() == null ? null : Timestamp.from(e.clientTime()),
                    e.type(),
                    e.name(),
                    e.hostname(),
                    e.path(),
                    e.referrerHost(),
                    e.referrerSource(),
                    e.utmSource(),
                    e.utmMedium(),
                    e.utmCampaign(),
                    e.country(),
                    e.browser(),
                    e.os(),
                    e.device(),
                    e.screenWidth(),
                    e.visitorId(),
                    e.sessionId(),
                    e.propsJson(),
                    e.revenueAmount(),
                    e.revenueCurrency());
        }
        Set<UUID> inserted = batch.query(template, INSERT, rows -> {
            var ids = new HashSet<UUID>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        });
        var fresh = new ArrayList<StoredEvent>(inserted.size());
        for (var event : events) {
            if (inserted.remove(event.eventId())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    @Override
    public Set<UUID> storedIds(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        var ids = events.stream().map(StoredEvent::eventId).toArray(UUID[]::new);
        var times = events.stream().map(e -> Timestamp.from(e.receivedAt())).toArray(Timestamp[]::new);
        return new HashSet<>(
                jdbc.sql("""
                        select e.event_id from events e
                        join unnest(?::uuid[], ?::timestamptz[]) as k(event_id, received_at)
                          on e.event_id = k.event_id and e.received_at = k.received_at
                        """).param(ids).param(times).query(UUID.class).list());
    }

    @Override
    public void ensurePartitions(LocalDate from, LocalDate to) {
        var existing = partitionDays();
        for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (existing.contains(day)) {
                continue;
            }
            var start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            var end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            // Identifiers and bounds are formatted from a LocalDate, never from input.
            template.execute("create table if not exists events_" + PARTITION_SUFFIX.format(day)
                    + " partition of events for values from ('" + start + "') to ('" + end + "')");
        }
    }

    @Override
    public int dropBefore(LocalDate day) {
        int dropped = 0;
        for (var partition : partitionDays()) {
            if (partition.isBefore(day)) {
                template.execute("drop table if exists events_" + PARTITION_SUFFIX.format(partition));
                dropped++;
            }
        }
        jdbc.sql("delete from events_default where received_at < ?")
                .param(Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .update();
        return dropped;
    }

    /** The days that have a partition of their own. */
    Set<LocalDate> partitionDays() {
        var names = jdbc.sql("""
                        select c.relname from pg_inherits i
                        join pg_class c on c.oid = i.inhrelid
                        join pg_class p on p.oid = i.inhparent
                        where p.relname = 'events'
                        """).query(String.class).list();
        var days = new HashSet<LocalDate>();
        for (var name : names) {
            var matcher = PARTITION_NAME.matcher(name);
            if (matcher.matches()) {
                days.add(LocalDate.parse(matcher.group(1), PARTITION_SUFFIX));
            }
        }
        return days;
    }
}
