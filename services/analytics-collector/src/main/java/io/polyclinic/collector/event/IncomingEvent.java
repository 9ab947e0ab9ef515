package io.polyclinic.collector.event;

import io.polyclinic.contracts.analytics.RawEvent;
import java.time.Instant;
import java.util.Map;

/**
 * An event as a client sent it, in either format, after parsing and before the rules that need a site: field shapes and
 * bounds are already checked by {@link EventFormats}.
 *
 * @param trackingId the site's tracking id ({@code /track}), or {@code null}
 * @param domains the site's domain(s) as a Plausible client names them (comma-separated allowed), or {@code null}
 * @param type one of the {@link RawEvent} types
 * @param name the event's name
 * @param url the page's absolute http(s) URL
 * @param referrer the referrer, or {@code null}
 * @param props custom properties, bounded; empty when none
 * @param revenue the revenue, or {@code null}
 * @param clientTimestamp when the client says it happened, or {@code null}
 * @param screenWidth the viewport width, or {@code null}
 * @param sessionId the tracker's session id, or {@code null}
 */
public record IncomingEvent(
        String trackingId,
        String domains,
        String type,
        String name,
        String url,
        String referrer,
        Map<String, String> props,
        RawEvent.Revenue revenue,
        Instant clientTimestamp,
        Integer screenWidth,
        String sessionId) {}
