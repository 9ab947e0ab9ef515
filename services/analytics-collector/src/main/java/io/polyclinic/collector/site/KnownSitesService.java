package io.polyclinic.collector.site;

import io.polyclinic.contracts.analytics.SiteRecord;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sites the collector accepts events for, in memory: by tracking id and by domain. Fed only by the
 * {@link SiteTopicReader} from the compacted topic {@code analytics.sites}, so checking an event never touches a
 * database. Thread-safe: lookups read concurrent maps; updates come from the one reader thread.
 */
public class KnownSitesService {

    private final Map<String, Site> byTrackingId = new ConcurrentHashMap<>();
    private final Map<String, String> trackingIdByDomain = new ConcurrentHashMap<>();
    private final AtomicBoolean loaded = new AtomicBoolean();

    /** The site with this tracking id, active or not. */
    public Optional<Site> byTrackingId(String trackingId) {
        return trackingId == null ? Optional.empty() : Optional.ofNullable(byTrackingId.get(trackingId));
    }

    /**
     * The site a Plausible {@code domain} names: its exact domain, else the same domain without a leading
     * {@code www.}. Case does not matter.
     */
    public Optional<Site> byDomain(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        var lower = domain.trim().toLowerCase(Locale.ROOT);
        var id = trackingIdByDomain.get(lower);
        if (id == null && lower.startsWith("www.")) {
            id = trackingIdByDomain.get(lower.substring(4));
        }
        return id == null ? Optional.empty() : byTrackingId(id);
    }

    /** Whether the topic has been read to the end it had when the collector started: lookups are then complete. */
    public boolean isLoaded() {
        return loaded.get();
    }

    /** How many sites are known. */
    public int size() {
        return byTrackingId.size();
    }

    /** Adds or replaces a site (the latest record of its key). */
    void put(SiteRecord record) {
        remove(record.trackingId());
        var site = new Site(
                record.trackingId(),
                record.domains().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList(),
                record.active());
        byTrackingId.put(site.trackingId(), site);
        for (var domain : site.domains()) {
            trackingIdByDomain.put(domain, site.trackingId());
        }
    }

    /** Forgets a site (a tombstone). */
    void remove(String trackingId) {
        var old = byTrackingId.remove(trackingId);
        if (old != null) {
            for (var domain : old.domains()) {
                trackingIdByDomain.remove(domain, trackingId);
            }
        }
    }

    void markLoaded() {
        loaded.set(true);
    }
}
