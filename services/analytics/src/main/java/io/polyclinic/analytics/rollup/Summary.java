package io.polyclinic.analytics.rollup;

import io.polyclinic.analytics.conversion.BookingGoal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The summary report of one site over a span of local days (S7), read from the rollups.
 *
 * @param siteId the site
 * @param timeZone the site's zone, in which days and hours are given
 * @param from the first local day (included)
 * @param to the last local day (included)
 * @param granularity {@code hour} (a one-day span) or {@code day}: the series' step
 * @param totals the span's figures
 * @param series one point per hour or day of the span, zero where nothing happened
 * @param breakdowns the top values per dimension ({@code page}, {@code source}, {@code utm_source},
 *     {@code utm_medium}, {@code utm_campaign}, {@code country}, {@code device}, {@code browser}), by visitors
 * @param goals the site's goals over the span by name: {@code bookings}, appointments booked from tracked visits
 *     (booking conversions) by source and campaign
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

    /**
     * Figures of a span or a bucket. Visitors are unique per day (the visitor id rotates daily), so a span's
     * visitors are the sum of its days'.
     *
     * @param pageviews page views
     * @param visitors unique visitors
     * @param sessions visits
     * @param bounceRate the share of visits with at most one page view, 0..1 (0 without visits)
     * @param visitDurationSeconds the mean visit duration in seconds (0 without visits)
     * @param events all events (page views, clicks, custom, outbound)
     */
    public record Figures(
            long pageviews, long visitors, long sessions, double bounceRate, long visitDurationSeconds, long events) {

        static Figures of(long pageviews, long visitors, long sessions, long bounces, long duration, long events) {
            return new Figures(
                    pageviews,
                    visitors,
                    sessions,
                    sessions <= 0 ? 0 : Math.round(10000.0 * bounces / sessions) / 10000.0,
                    sessions <= 0 ? 0 : Math.round((double) duration / sessions),
                    events);
        }
    }

    /** A point of the series: the bucket's local start and its figures. */
    public record Point(LocalDateTime start, Figures figures) {}

    /** A breakdown row: the dimension's value and its figures (sessions and bounce rate by entry). */
    public record Row(String value, Figures figures) {}
}
