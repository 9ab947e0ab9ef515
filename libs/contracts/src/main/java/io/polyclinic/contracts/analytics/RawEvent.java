package io.polyclinic.contracts.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * One web-analytics event as the collector accepted it: published as one JSON message (UTF-8) on the Kafka topic
 * {@link #TOPIC}, keyed by {@link #trackingId()} so that one site's events keep their order within a partition. Its
 * JSON Schema is {@code analytics/RawEvent.schema.json} in this module's resources. Example:
 * {@code {"version":1,"eventId":"0193...","trackingId":"pk_3b1f...","type":"pageview","name":"pageview",
 * "url":"https://clinic.example/doctors","referrer":"https://www.google.com/","props":{},"revenue":null,
 * "receivedAt":"2026-12-02T10:00:00.123Z","clientTimestamp":"2026-12-02T10:00:00Z","clientIp":"203.0.113.7",
 * "userAgent":"Mozilla/5.0 ...","screenWidth":1280,"sessionId":"k3j2..."}}.
 *
 * <p>Privacy: {@link #clientIp()} and {@link #userAgent()} travel only in this record (the topic keeps records 24 hours
 * at most); the processor derives country, browser, OS, device and a daily-rotating visitor hash from them and stores
 * neither. What the collector guarantees before publishing: the site is known and active, the URL's host is one of its
 * domains, strings hold no control characters, and every field is within the bounds below.
 *
 * @param version the contract's version, {@link #VERSION}; a field removed, renamed or retyped raises it
 * @param eventId the collector's id of the event, a UUIDv7 (time-ordered); the processor is idempotent by it
 * @param trackingId the site's public tracking id (not its database id), 1..64 characters {@code [A-Za-z0-9_-]}
 * @param type one of {@code pageview}, {@code click}, {@code custom}, {@code outbound}
 * @param name the event's name, 1..120 characters: {@code pageview} for a page view, the {@code data-track-click}
 *     label of a click, the name of a custom event, {@code Outbound Link: Click} for an outbound link
 * @param url the page's absolute {@code http(s)} URL, at most 2,000 characters
 * @param referrer the referring page's URL as the browser reported it (at most 2,000 characters), or {@code null}
 * @param props custom properties: at most {@link #MAX_PROPS} entries, keys 1..300 and values at most 2,000
 *     characters (numbers and booleans sent by a client arrive as their text); empty when none
 * @param revenue the revenue attached to a goal, or {@code null}
 * @param receivedAt when the collector received the event (server clock)
 * @param clientTimestamp when the client says the event happened, or {@code null} when it did not say; within the
 *     collector's allowed skew of {@link #receivedAt()}
 * @param clientIp the client's IP address (IPv4 or IPv6 text), taken from {@code X-Forwarded-For} only behind trusted
 *     proxies; {@code null} when unknown
 * @param userAgent the client's {@code User-Agent}, at most 1,000 characters, or {@code null}
 * @param screenWidth the viewport width in CSS pixels (0..100,000), or {@code null}
 * @param sessionId the tracker's session id (kept in the browser's sessionStorage, 8..64 characters
 *     {@code [A-Za-z0-9_-]}), or {@code null} (server-side clients, Plausible trackers)
 */
public record RawEvent(
        int version,
        String eventId,
        String trackingId,
        String type,
        String name,
        String url,
        String referrer,
        Map<String, String> props,
        Revenue revenue,
        Instant receivedAt,
        Instant clientTimestamp,
        String clientIp,
        String userAgent,
        Integer screenWidth,
        String sessionId) {

    /** The topic events are published to (key: the tracking id). */
    public static final String TOPIC = "analytics.raw-events";

    /** The dead-letter topic for records the processor cannot read, with the reason in a header. */
    public static final String DEAD_LETTER_TOPIC = "analytics.raw-events.dlt";

    /** The name of this contract's schema, for {@link io.polyclinic.contracts.schema.ContractSchemas}. */
    public static final String CONTRACT = "RawEvent";

    /** The current version of the contract. */
    public static final int VERSION = 1;

    /** The most custom properties an event carries. */
    public static final int MAX_PROPS = 30;

    /** A page view. */
    public static final String PAGEVIEW = "pageview";

    /** A click on an element marked {@code data-track-click}. */
    public static final String CLICK = "click";

    /** A custom event (a goal). */
    public static final String CUSTOM = "custom";

    /** A click on a link to another site. */
    public static final String OUTBOUND = "outbound";

    /**
     * Money attached to an event, e.g. a paid booking.
     *
     * @param amount a decimal string with at most 2 fraction digits, e.g. {@code "1500.00"}
     * @param currency an ISO-4217 code, three upper-case letters, e.g. {@code "RUB"}
     */
    public record Revenue(String amount, String currency) {}
}
