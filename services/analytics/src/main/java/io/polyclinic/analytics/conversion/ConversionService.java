package io.polyclinic.analytics.conversion;

import io.polyclinic.analytics.conversion.ConversionRepository.VisitRow;
import io.polyclinic.analytics.enrichment.ReferrerSources;
import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking conversions (S7): where each tracker session came from (its first pageview's referrer source and UTM tags),
 * the appointments booked from tracked visits (AppointmentBooked with a {@code trackerSessionId}), and the "bookings"
 * goal of a site: bookings attributed to the visit's source and campaign (decision 0050).
 */
@Service
public class ConversionService {

    /** A tracker session id as the tracker makes it and booking passes it on. */
    static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final int UTM_MAX = 200;
    private static final int PATH_MAX = 2048;
    private static final int BREAKDOWN = 10;
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final ConversionRepository repository;
    private final SiteService sites;

    public ConversionService(ConversionRepository repository, SiteService sites) {
        this.repository = repository;
        this.sites = sites;
    }

    /**
     * Remembers where the sessions of these pageviews came from (of several pageviews of a session, the earliest).
     * Pageviews of unknown or inactive sites, or with an unreadable URL, are left out.
     *
     * @return the ids of the sites that had pageviews in them
     */
    @Transactional
    public Set<UUID> recordVisits(List<TrackedVisit> pageviews) {
        if (pageviews.isEmpty()) {
            return Set.of();
        }
        var known = repository.activeSites(
                pageviews.stream().map(TrackedVisit::trackingId).distinct().toList());
        var earliest = new HashMap<String, VisitRow>();
        var siteIds = new HashSet<UUID>();
        for (var pageview : pageviews) {
            var site = known.get(pageview.trackingId());
            if (site == null || !SESSION_ID.matcher(pageview.trackerSessionId()).matches()) {
                continue;
            }
            var row = row(pageview, site);
            if (row == null) {
                continue;
            }
            siteIds.add(site.id());
            earliest.merge(row.trackerSessionId(), row, (a, b) -> a.firstSeen().isAfter(b.firstSeen()) ? b : a);
        }
        repository.upsertVisits(List.copyOf(earliest.values()));
        return siteIds;
    }

    /**
     * Records an appointment booked from a tracked visit; a redelivery changes nothing.
     *
     * @return whether it was new
     */
    @Transactional
    public boolean recordBooking(
            UUID appointmentId, UUID eventId, String trackerSessionId, UUID clinicId, Instant bookedAt) {
        return repository.insertConversion(appointmentId, eventId, trackerSessionId, clinicId, bookedAt);
    }

    /**
     * The "bookings" goal of a site the caller may see, over {@code [from, to)}.
     *
     * @throws io.polyclinic.platform.problem.NotFoundException (404) unknown or foreign site
     * @throws InvalidRequestException (400) {@code to} not after {@code from}, or a period over 366 days
     */
    public BookingGoal goal(AuthenticatedUser user, UUID siteId, Instant from, Instant to) {
        sites.get(user, siteId);
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("to", "The end must be after the start.");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidRequestException("to", "A period is at most 366 days.");
        }
        return goal(siteId, from, to);
    }

    /** The "bookings" goal of a site over {@code [from, to)}, without an access check (for the summary report). */
    public BookingGoal goal(UUID siteId, Instant from, Instant to) {
        var bookings = repository.bookings(siteId, from, to);
        var visits = repository.visits(siteId, from, to);
        var rate = visits == 0 ? 0 : Math.round(10_000.0 * bookings / visits) / 10_000.0;
        return new BookingGoal(
                siteId,
                from,
                to,
                bookings,
                visits,
                Math.min(1.0, rate),
                repository.bookingsBy(siteId, from, to, false, BREAKDOWN),
                repository.bookingsBy(siteId, from, to, true, BREAKDOWN));
    }

    private static @Nullable VisitRow row(TrackedVisit pageview, ConversionRepository.SiteRef site) {
        URI url;
        try {
            url = URI.create(pageview.url().strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        var path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        var query = url.getRawQuery();
        var utmSource = parameter(query, "utm_source");
        var referrerHost = ReferrerSources.referrerHost(pageview.referrer(), site.domains());
        return new VisitRow(
                pageview.trackerSessionId(),
                site.id(),
                pageview.receivedAt(),
                ReferrerSources.source(referrerHost, utmSource),
                utmSource,
                parameter(query, "utm_medium"),
                parameter(query, "utm_campaign"),
                path.length() > PATH_MAX ? path.substring(0, PATH_MAX) : path);
    }

    /** A query parameter's first non-blank value, decoded, without control characters, at most 200 characters. */
    static @Nullable String parameter(@Nullable String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (var pair : rawQuery.split("&")) {
            var eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(0, eq).equals(name)) {
                continue;
            }
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            value = value.replaceAll("\\p{Cntrl}", "").strip();
            if (!value.isEmpty()) {
                return value.length() > UTM_MAX ? value.substring(0, UTM_MAX) : value;
            }
        }
        return null;
    }
}
