package io.polyclinic.analytics.realtime;

import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The live view of a site (S7 "Real time"): visitors and pageviews in the last 5 minutes, the top 5 pages of the last
 * minute, visitors by country, the last 10 events. Figures are read from the stored events, so they are the same
 * whichever replica answers and however the raw-event partitions are spread over processor replicas (decision 0050).
 */
@Service
public class RealtimeService {

    /** The window of "visitors right now" and of the country breakdown. */
    public static final Duration ACTIVE_WINDOW = Duration.ofMinutes(5);

    /** The window of the top pages. */
    public static final Duration TOP_PAGES_WINDOW = Duration.ofMinutes(1);

    private static final Duration LAST_EVENTS_WINDOW = Duration.ofHours(1);
    private static final int TOP_PAGES = 5;
    private static final int COUNTRIES = 20;
    private static final int LAST_EVENTS = 10;

    private final RealtimeRepository repository;
    private final SiteService sites;
    private final Clock clock;

    public RealtimeService(RealtimeRepository repository, SiteService sites, Clock clock) {
        this.repository = repository;
        this.sites = sites;
        this.clock = clock;
    }

    /**
     * The live figures of a site the caller may see.
     *
     * @throws io.polyclinic.platform.problem.NotFoundException (404) for an unknown site or one outside the caller's
     *     clinics
     */
    public RealtimeSnapshot snapshot(AuthenticatedUser user, UUID siteId) {
        return snapshot(sites.get(user, siteId).id());
    }

    /**
     * Checks that the caller may watch the site.
     *
     * @throws io.polyclinic.platform.problem.NotFoundException (404) as {@link #snapshot(AuthenticatedUser, UUID)}
     */
    public void requireVisible(AuthenticatedUser user, UUID siteId) {
        sites.get(user, siteId);
    }

    /** The live figures of a site, without an access check (for the streams, checked when opened). */
    RealtimeSnapshot snapshot(UUID siteId) {
        var now = clock.instant();
        var active = now.minus(ACTIVE_WINDOW);
        var counts = repository.visitorsAndPageviews(siteId, active);
        return new RealtimeSnapshot(
                siteId,
                now,
                counts[0],
                counts[1],
                repository.topPages(siteId, now.minus(TOP_PAGES_WINDOW), TOP_PAGES),
                repository.countries(siteId, active, COUNTRIES),
                repository.lastEvents(siteId, now.minus(LAST_EVENTS_WINDOW), LAST_EVENTS));
    }

    /** Distinct visitors of a site in {@code [from, to)} (for alert rules; no access check). */
    public long visitorsBetween(UUID siteId, Instant from, Instant to) {
        return repository.visitorsBetween(siteId, from, to);
    }

    /** Whether a site had a pageview in the {@code window} before {@code now} (for alert rules; no access check). */
    public boolean hasPageviewWithin(UUID siteId, Instant now, Duration window) {
        return repository.hasPageviewSince(siteId, now, window);
    }
}
