package io.polyclinic.analytics.conversion;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pageview of a tracker session, as the raw event carries it (before enrichment).
 *
 * @param trackerSessionId the tracker's session id
 * @param trackingId the site's tracking id
 * @param receivedAt when the collector received it
 * @param url the page's URL, with its UTM parameters
 * @param referrer the referring page's URL, or null
 */
record TrackedVisit(
        String trackerSessionId,
        String trackingId,
        Instant receivedAt,
        String url,
        @Nullable String referrer) {}
