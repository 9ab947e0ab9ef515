package io.polyclinic.analytics.processor;

import io.polyclinic.analytics.enrichment.GeoIpCountries;
import io.polyclinic.analytics.enrichment.UserAgents;
import io.polyclinic.analytics.enrichment.VisitorIds;
import java.time.Duration;

/**
 * The processor's enrichment parts and settings, built by the configuration.
 *
 * @param countries the GeoIP country look-up
 * @param userAgents the user-agent classifier
 * @param visitorIds the daily visitor hash
 * @param metrics the processor's meters
 * @param maxEventBytes the largest record accepted
 * @param sessionTimeout the inactivity that ends a session
 * @param retentionDays how many UTC days of raw events are kept (older events are dead-lettered as expired)
 */
public record ProcessorParts(
        GeoIpCountries countries,
        UserAgents userAgents,
        VisitorIds visitorIds,
        ProcessorMetrics metrics,
        int maxEventBytes,
        Duration sessionTimeout,
        int retentionDays) {}
