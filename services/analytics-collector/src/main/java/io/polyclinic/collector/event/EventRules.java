package io.polyclinic.collector.event;

import io.polyclinic.collector.site.KnownSitesService;
import io.polyclinic.collector.site.Site;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules that need the site: the site is known and active (by tracking id, or by the first known of a Plausible
 * client's comma-separated domains), the page's host is one of its domains or their subdomains, and a client timestamp
 * is neither further in the future than the allowed clock skew nor older than the allowed age. Every refusal is a
 * 422 {@link EventRejectedException}.
 */
public final class EventRules {

    private final KnownSitesService sites;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxSkew;

    /**
     * @param maxAge how old a client timestamp may be
     * @param maxSkew how far in the future a client timestamp may be
     */
    public EventRules(KnownSitesService sites, Clock clock, Duration maxAge, Duration maxSkew) {
        this.sites = sites;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
    }

    /** The event's site, checked against the event. */
    public Site check(IncomingEvent event, Instant now) {
        var site = site(event);
        if (!site.owns(URI.create(event.url()).getHost())) {
            throw EventRejectedException.rule(
                    "foreign-url", "URL of another site", "The page URL does not belong to the site's domains.");
        }
        var at = event.clientTimestamp();
        if (at != null && (at.isAfter(now.plus(maxSkew)) || at.isBefore(now.minus(maxAge)))) {
            throw EventRejectedException.rule(
                    "timestamp-out-of-range",
                    "Timestamp out of range",
                    "The timestamp must lie between " + maxAge.toHours() + " hours ago and " + maxSkew.toMinutes()
                            + " minutes from now.");
        }
        return site;
    }

    Instant now() {
        return clock.instant();
    }

    private Site site(IncomingEvent event) {
        Site found = null;
        if (event.trackingId() != null) {
            found = sites.byTrackingId(event.trackingId()).orElse(null);
        } else if (event.domains() != null) {
            for (var domain : event.domains().split(",", 10)) {
                found = sites.byDomain(domain).orElse(null);
                if (found != null) {
                    break;
                }
            }
        }
        if (found == null || !found.active()) {
            throw EventRejectedException.rule("unknown-site", "Unknown site", "No active site has this id or domain.");
        }
        return found;
    }
}
