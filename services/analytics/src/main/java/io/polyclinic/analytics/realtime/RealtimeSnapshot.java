package io.polyclinic.analytics.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a site's live view shows at one moment: the answer of {@code GET /api/v1/analytics/realtime} and the data of
 * each {@code realtime} event of the stream.
 *
 * @param siteId the site
 * @param at the moment the figures were read (server clock, ISO-8601 instant)
 * @param visitors distinct visitors (daily visitor hashes) with an event in the last 5 minutes
 * @param pageviews pageviews in the last 5 minutes
 * @param topPages the 5 paths with the most pageviews in the last minute, most first (ties by path)
 * @param countries distinct visitors of the last 5 minutes per country (ISO 3166-1 alpha-2, or {@code unknown}), most
 *     first, at most 20
 * @param lastEvents the 10 newest events of the last hour, newest first
 */
public record RealtimeSnapshot(
        UUID siteId,
        Instant at,
        long visitors,
        long pageviews,
        List<PageCount> topPages,
        List<CountryCount> countries,
        List<RecentEvent> lastEvents) {

    /** Pageviews of one path. */
    public record PageCount(String path, long pageviews) {}

    /** Distinct visitors from one country. */
    public record CountryCount(String country, long visitors) {}

    /**
     * One recent event, without anything that tells visitors apart.
     *
     * @param receivedAt when the collector accepted it
     * @param type {@code pageview}, {@code click}, {@code custom} or {@code outbound}
     * @param name the event's name
     * @param path the page's path
     * @param source the referrer source ({@code Direct / None}, {@code Google}, ...)
     * @param country the country code, or {@code unknown}
     * @param device the device class ({@code Desktop}, {@code Phone}, ...)
     */
    public record RecentEvent(
            Instant receivedAt, String type, String name, String path, String source, String country, String device) {}

    /** The same figures without the moment they were read: two snapshots with equal content show the same view. */
    boolean sameFiguresAs(RealtimeSnapshot other) {
        return other != null
                && visitors == other.visitors
                && pageviews == other.pageviews
                && topPages.equals(other.topPages)
                && countries.equals(other.countries)
                && lastEvents.equals(other.lastEvents);
    }
}
