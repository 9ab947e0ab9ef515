package io.polyclinic.analytics.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One enriched event as stored: what the processor keeps of a raw event after enrichment. It holds nothing that
 * identifies a person: the IP address and user agent are gone, the visitor is a daily-rotating hash.
 *
 * @param eventId the collector's event id (UUIDv7); with {@code receivedAt} the idempotency key
 * @param receivedAt when the collector accepted it (its clock): the event's time in sessions, rollups and reports
 * @param siteId the site's database id
 * @param clientTime the browser's own timestamp, kept for reference only, or null
 * @param type {@code pageview}, {@code click}, {@code custom} or {@code outbound}
 * @param name the event name ({@code pageview} for page views; a custom event's name)
 * @param hostname the page's host name, lower case
 * @param path the page's path without query or fragment, at most 2048 characters
 * @param referrerHost the referrer's host name, or null (none, or the site itself)
 * @param referrerSource the referrer source: {@code Direct / None}, a known source such as {@code Google}, or the
 *     referrer's host; {@code utm_source} wins when present
 * @param utmSource {@code utm_source} of the page URL, or null
 * @param utmMedium {@code utm_medium}, or null
 * @param utmCampaign {@code utm_campaign}, or null
 * @param country ISO 3166-1 alpha-2 code, or {@code unknown}
 * @param browser browser name (Yauaa's {@code AgentName}), or {@code Unknown}
 * @param os operating system name (Yauaa's {@code OperatingSystemName}), or {@code Unknown}
 * @param device device class (Yauaa's {@code DeviceClass}: {@code Desktop}, {@code Phone}, {@code Tablet}, ...)
 * @param screenWidth the screen width in CSS pixels, or null
 * @param visitorId the daily visitor hash (64 bits)
 * @param sessionId the session the event belongs to (30 minutes of inactivity end a session)
 * @param propsJson the custom properties as a JSON object, or null
 * @param revenueAmount the revenue amount, or null
 * @param revenueCurrency the revenue's ISO 4217 currency, or null
 */
public record StoredEvent(
        UUID eventId,
        Instant receivedAt,
        UUID siteId,
        @Nullable Instant clientTime,
        String type,
        String name,
        String hostname,
        String path,
        @Nullable String referrerHost,
        String referrerSource,
        @Nullable String utmSource,
        @Nullable String utmMedium,
        @Nullable String utmCampaign,
        String country,
        String browser,
        String os,
        String device,
        @Nullable Integer screenWidth,
        long visitorId,
        UUID sessionId,
        @Nullable String propsJson,
        @Nullable BigDecimal revenueAmount,
        @Nullable String revenueCurrency) {

    /** Whether this is a page view (the events that count as pageviews, entry pages and bounces). */
    public boolean isPageview() {
        return "pageview".equals(type);
    }

    /** The same event in another session (assigned by the sessionizer). */
    public StoredEvent withSession(UUID session) {
        return new StoredEvent(
                eventId,
                receivedAt,
                siteId,
                clientTime,
                type,
                name,
                hostname,
                path,
                referrerHost,
                referrerSource,
                utmSource,
                utmMedium,
                utmCampaign,
                country,
                browser,
                os,
                device,
                screenWidth,
                visitorId,
                session,
                propsJson,
                revenueAmount,
                revenueCurrency);
    }
}
