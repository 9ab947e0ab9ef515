package io.polyclinic.web.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the analytics pages read from the analytics API ({@code /api/v1/analytics/**}), by the API's field names. */
public final class AnalyticsViews {

    private AnalyticsViews() {}

    /**
     * A tracked website.
     *
     * @param trackingId the id the snippet carries
     * @param timeZone an IANA zone id; reports and the live view show times in it
     * @param snippet the {@code <script>} tag to paste, shown as text (escaped), never as markup
     */
    public record Site(
            UUID id,
            UUID clinicId,
            String name,
            String trackingId,
            List<String> domains,
            String timeZone,
            String snippet,
            Instant createdAt) {

        public Site {
            domains = domains == null ? List.of() : List.copyOf(domains);
        }

        /** The domains joined with ", " (the form's one-line field). */
        public String domainList() {
            return String.join(", ", domains);
        }
    }

    /**
     * The live figures of a site (the JSON answer and each SSE {@code realtime} event).
     *
     * @param visitors distinct visitors of the last 5 minutes
     * @param pageviews pageviews of the last 5 minutes
     */
    public record Realtime(
            UUID siteId,
            Instant at,
            long visitors,
            long pageviews,
            List<PageCount> topPages,
            List<CountryCount> countries,
            List<RecentEvent> lastEvents) {

        public Realtime {
            topPages = topPages == null ? List.of() : List.copyOf(topPages);
            countries = countries == null ? List.of() : List.copyOf(countries);
            lastEvents = lastEvents == null ? List.of() : List.copyOf(lastEvents);
        }
    }

    /** Pageviews of one path in the last minute. */
    public record PageCount(String path, long pageviews) {}

    /** Visitors of one country (ISO 3166-1 alpha-2 or {@code unknown}) in the last 5 minutes. */
    public record CountryCount(String country, long visitors) {}

    /** One of the newest events, without anything that tells visitors apart. */
    public record RecentEvent(
            Instant receivedAt, String type, String name, String path, String source, String country, String device) {}

    /**
     * The summary report of a site over local days of its zone.
     *
     * @param granularity {@code hour} (one day) or {@code day}
     * @param breakdowns top rows by dimension: {@code page}, {@code source}, {@code utm_source}, {@code utm_medium},
     *     {@code utm_campaign}, {@code country}, {@code device}, {@code browser}
     * @param goals by goal name; {@code bookings} is the booking conversions
     */
    public record Summary(
            UUID siteId,
            String timeZone,
            LocalDate from,
            LocalDate to,
            String granularity,
            Figures totals,
            List<Point> series,
            Map<String, List<Row>> breakdowns,
            Map<String, BookingGoal> goals) {

        public Summary {
            series = series == null ? List.of() : List.copyOf(series);
            breakdowns = breakdowns == null ? Map.of() : Map.copyOf(breakdowns);
            goals = goals == null ? Map.of() : Map.copyOf(goals);
        }

        /** The rows of a dimension, empty when the report has none. */
        public List<Row> rows(String dimension) {
            return breakdowns.getOrDefault(dimension, List.of());
        }

        /** The "bookings" goal, or null when the report has none. */
        public @Nullable BookingGoal bookings() {
            return goals.get("bookings");
        }
    }

    /**
     * Figures of a span, a bucket or a breakdown row.
     *
     * @param bounceRate 0..1
     * @param visitDurationSeconds mean visit duration
     */
    public record Figures(
            long pageviews, long visitors, long sessions, double bounceRate, long visitDurationSeconds, long events) {}

    /** A point of the series: the bucket's local start. */
    public record Point(LocalDateTime start, Figures figures) {}

    /** A breakdown row. */
    public record Row(String value, Figures figures) {}

    /**
     * The "bookings" goal: appointments booked from tracked visits.
     *
     * @param conversionRate bookings / visits, 0..1
     */
    public record BookingGoal(
            long bookings, long visits, double conversionRate, List<Count> bySource, List<Count> byCampaign) {

        public BookingGoal {
            bySource = bySource == null ? List.of() : List.copyOf(bySource);
            byCampaign = byCampaign == null ? List.of() : List.copyOf(byCampaign);
        }
    }

    /** Bookings of one source or campaign. */
    public record Count(String name, long bookings) {}

    /**
     * An alert rule of a site.
     *
     * @param kind {@code VISITORS_PER_HOUR} or {@code NO_PAGEVIEWS}
     * @param threshold visitors per hour, or minutes without a pageview
     */
    public record AlertRule(
            UUID id,
            UUID siteId,
            String kind,
            int threshold,
            int cooldownMinutes,
            String email,
            String locale,
            boolean enabled,
            @Nullable Instant lastFiredAt,
            Instant createdAt) {}

    /**
     * One firing of a rule.
     *
     * @param observed visitors of the last hour, or minutes since the last pageview
     */
    public record AlertFiring(UUID id, UUID ruleId, Instant firedAt, long observed, int threshold, String email) {}
}
