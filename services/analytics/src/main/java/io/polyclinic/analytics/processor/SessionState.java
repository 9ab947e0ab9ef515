package io.polyclinic.analytics.processor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A session as table {@code sessions} holds it: its span, counts and entry attributes (those of its earliest event).
 *
 * @param sessionId the session's id (UUIDv7)
 * @param siteId the site
 * @param visitorId the daily visitor hash
 * @param startedAt its earliest event's time
 * @param lastSeen its latest event's time
 * @param pageviews its page views
 * @param events all its events
 * @param entryPage the path of its earliest event
 * @param source its earliest event's referrer source
 * @param utmSource {@code utm_source} of its earliest event, or empty
 * @param utmMedium {@code utm_medium}, or empty
 * @param utmCampaign {@code utm_campaign}, or empty
 * @param country the visitor's country code or {@code unknown}
 * @param device the device class
 * @param browser the browser
 */
record SessionState(
        UUID sessionId,
        UUID siteId,
        long visitorId,
        Instant startedAt,
        Instant lastSeen,
        int pageviews,
        int events,
        String entryPage,
        String source,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String country,
        String device,
        String browser) {

    /** A bounce: a session of at most one page view. */
    boolean bounce() {
        return pageviews <= 1;
    }

    /** Seconds from its first to its last event. */
    long durationSeconds() {
        return Duration.between(startedAt, lastSeen).toSeconds();
    }

    /** Its dimension values in the rollups: the entry page and the entry attributes. */
    Map<String, String> dimensions() {
        var dimensions = new LinkedHashMap<String, String>();
        dimensions.put("page", entryPage);
        dimensions.put("source", source);
        dimensions.put("utm_source", utmSource);
        dimensions.put("utm_medium", utmMedium);
        dimensions.put("utm_campaign", utmCampaign);
        dimensions.put("country", country);
        dimensions.put("device", device);
        dimensions.put("browser", browser);
        return dimensions;
    }
}
