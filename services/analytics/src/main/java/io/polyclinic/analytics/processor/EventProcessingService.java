package io.polyclinic.analytics.processor;

import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.analytics.rollup.RollupDeltas;
import io.polyclinic.analytics.rollup.RollupService;
import io.polyclinic.analytics.site.Site;
import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.platform.kafka.RejectedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processes one batch of raw events in one transaction (S7): reads and checks each record, enriches it, skips the
 * events already stored (redeliveries), sessionizes the new ones, stores them in the day partitions and upserts the
 * rollup buckets they touch. Records that cannot be stored come back as {@link RejectedRecord}s for the dead-letter
 * topic; a failure that is no record's fault (the database down) throws, and the whole batch is tried again.
 */
public class EventProcessingService {

    private static final Duration FUTURE_SKEW = Duration.ofHours(1);

    private final RawEventReader reader;
    private final EventEnricher enricher;
    private final Sessionizer sessionizer;
    private final SiteService sites;
    private final EventStore store;
    private final SessionRepository sessions;
    private final RollupService rollups;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final int retentionDays;
    private final Duration sessionTimeout;

    /** The parts it uses; {@code retentionDays} and {@code sessionTimeout} as configured. */
    public EventProcessingService(
            ProcessorParts parts,
            SiteService sites,
            EventStore store,
            SessionRepository sessions,
            RollupService rollups,
            Clock clock) {
        this.reader = new RawEventReader(parts.maxEventBytes());
        this.enricher = new EventEnricher(parts.countries(), parts.userAgents(), parts.visitorIds());
        this.sessionizer = new Sessionizer(parts.sessionTimeout());
        this.sessionTimeout = parts.sessionTimeout();
        this.retentionDays = parts.retentionDays();
        this.metrics = parts.metrics();
        this.sites = sites;
        this.store = store;
        this.sessions = sessions;
        this.rollups = rollups;
        this.clock = clock;
    }

    /**
     * Processes a batch: record values in offset order.
     *
     * @return the records not stored, for the dead-letter topic (duplicates are not among them: they were stored)
     */
    @Transactional
    public List<RejectedRecord> process(List<byte[]> values) {
        var rejections = new ArrayList<RejectedRecord>();
        var raws = new LinkedHashMap<Integer, RawEvent>();
        for (int i = 0; i < values.size(); i++) {
            switch (reader.read(values.get(i))) {
                case RawEventReader.Read read -> raws.put(i, read.event());
                case RawEventReader.Rejected rejected ->
                    rejections.add(new RejectedRecord(i, rejected.reason(), rejected.detail()));
            }
        }
        var known = sites.activeByTrackingIds(
                raws.values().stream().map(RawEvent::trackingId).distinct().toList());
        var now = clock.instant();
        var oldest = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .minusDays(retentionDays - 1L)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        var enriched = new ArrayList<StoredEvent>();
        var seen = new HashSet<UUID>();
        for (var entry : raws.entrySet()) {
            var raw = entry.getValue();
            var site = known.get(raw.trackingId());
            var rejection = check(raw, site, oldest, now);
            if (rejection != null) {
                rejections.add(new RejectedRecord(entry.getKey(), rejection[0], rejection[1]));
                continue;
            }
            try {
                var event = enricher.enrich(raw, site);
                if (seen.add(event.eventId())) {
                    enriched.add(event);
                }
            } catch (IllegalArgumentException e) {
                rejections.add(
                        new RejectedRecord(entry.getKey(), "invalid-url", "The url is no absolute http(s) URL."));
            }
        }
        var fresh = withoutStored(enriched);
        metrics.duplicates(values.size() - rejections.size() - fresh.size());
        store(fresh, siteZones(known));
        rejections.forEach(r -> metrics.deadLettered(r.reason()));
        rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return rejections;
    }

    private static String[] check(RawEvent raw, Site site, Instant oldest, Instant now) {
        if (site == null) {
            return new String[] {"unknown-site", "No active site has this tracking id."};
        }
        if (raw.receivedAt().isBefore(oldest)) {
            return new String[] {"expired", "The event is older than the retention of raw events."};
        }
        if (raw.receivedAt().isAfter(now.plus(FUTURE_SKEW))) {
            return new String[] {"future", "The event was received in the future by the processor's clock."};
        }
        return null;
    }

    private List<StoredEvent> withoutStored(List<StoredEvent> events) {
        var stored = store.storedIds(events);
        if (stored.isEmpty()) {
            return events;
        }
        return events.stream().filter(e -> !stored.contains(e.eventId())).toList();
    }

    private static Map<UUID, java.time.ZoneId> siteZones(Map<String, Site> sites) {
        var zones = new LinkedHashMap<UUID, java.time.ZoneId>();
        sites.values().forEach(site -> zones.put(site.id(), site.timeZone()));
        return zones;
    }

    private void store(List<StoredEvent> events, Map<UUID, java.time.ZoneId> zones) {
        if (events.isEmpty()) {
            return;
        }
        var deltas = new RollupDeltas();
        var assigned = new ArrayList<StoredEvent>(events.size());
        var touched = new LinkedHashMap<UUID, SessionState>();
        var bySite = new LinkedHashMap<UUID, Map<Long, List<StoredEvent>>>();
        for (var event : events) {
            bySite.computeIfAbsent(event.siteId(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(event.visitorId(), v -> new ArrayList<>())
                    .add(event);
        }
        for (var site : bySite.entrySet()) {
            var zone = zones.get(site.getKey());
            var visitors = site.getValue();
            var from = visitors.values().stream()
                    .flatMap(List::stream)
                    .map(StoredEvent::receivedAt)
                    .min(Instant::compareTo)
                    .orElseThrow();
            var to = visitors.values().stream()
                    .flatMap(List::stream)
                    .map(StoredEvent::receivedAt)
                    .max(Instant::compareTo)
                    .orElseThrow();
            var near = new LinkedHashMap<Long, List<SessionState>>();
            for (var session : sessions.findNear(
                    site.getKey(), visitors.keySet(), from.minus(sessionTimeout), to.plus(sessionTimeout))) {
                near.computeIfAbsent(session.visitorId(), v -> new ArrayList<>())
                        .add(session);
            }
            for (var visitor : visitors.entrySet()) {
                var result = sessionizer.assign(near.getOrDefault(visitor.getKey(), List.of()), visitor.getValue());
                result.before()
                        .values()
                        .forEach(s -> deltas.addSession(
                                s.siteId(), zone, s.startedAt(), s.dimensions(), -1, s.bounce(), s.durationSeconds()));
                result.after()
                        .values()
                        .forEach(s -> deltas.addSession(
                                s.siteId(), zone, s.startedAt(), s.dimensions(), 1, s.bounce(), s.durationSeconds()));
                touched.putAll(result.after());
                for (var event : result.events()) {
                    var session = result.after().get(event.sessionId());
                    deltas.addEvent(
                            event.siteId(),
                            zone,
                            event.receivedAt(),
                            event.isPageview(),
                            event.visitorId(),
                            eventDimensions(event, session));
                    assigned.add(event);
                }
            }
        }
        var inserted = store.insertNew(assigned);
        sessions.upsert(touched.values());
        rollups.apply(deltas);
        metrics.stored(inserted.size());
        var now = clock.instant();
        inserted.forEach(e -> metrics.latency(Duration.between(e.receivedAt(), now)));
    }

    /** An event's dimension values: its page (page views only), its session's source and UTM, its own visitor's. */
    private static Map<String, String> eventDimensions(StoredEvent event, SessionState session) {
        var dimensions = new LinkedHashMap<String, String>();
        if (event.isPageview()) {
            dimensions.put("page", event.path());
        }
        dimensions.put("source", session.source());
        dimensions.put("utm_source", session.utmSource());
        dimensions.put("utm_medium", session.utmMedium());
        dimensions.put("utm_campaign", session.utmCampaign());
        dimensions.put("country", event.country());
        dimensions.put("device", event.device());
        dimensions.put("browser", event.browser());
        return dimensions;
    }
}
