package io.polyclinic.contracts.analytics;

import java.util.List;

/**
 * What the collector needs to know about one tracked site: published by the analytics service as one JSON message
 * (UTF-8) on the compacted Kafka topic {@link #TOPIC}, keyed by {@link #trackingId()}; a record with a {@code null}
 * value (a tombstone) under a tracking id deletes the site. The latest record per key is the site's state, so a reader
 * that reads the topic from the beginning to its end knows every site. Its JSON Schema is
 * {@code analytics/SiteRecord.schema.json}. Example: {@code {"version":1,"trackingId":"pk_3b1f...",
 * "domains":["clinic.example","www.clinic.example"],"timeZone":"Europe/Moscow","active":true}}.
 *
 * @param version the contract's version, {@link #VERSION}
 * @param trackingId the site's public tracking id, 1..64 characters {@code [A-Za-z0-9_-]}; also the record key
 * @param domains the site's host names, 1..20, lower case, without scheme, port or path; an event's URL host must be
 *     one of them or a subdomain of one
 * @param timeZone the site's IANA time zone, e.g. {@code Europe/Moscow}
 * @param active whether the site accepts events; an inactive site's events are refused like an unknown site's
 */
public record SiteRecord(int version, String trackingId, List<String> domains, String timeZone, boolean active) {

    /** The compacted topic of sites (key: the tracking id; a tombstone deletes). */
    public static final String TOPIC = "analytics.sites";

    /** The name of this contract's schema, for {@link io.polyclinic.contracts.schema.ContractSchemas}. */
    public static final String CONTRACT = "SiteRecord";

    /** The current version of the contract. */
    public static final int VERSION = 1;

    /** The most domains a site has. */
    public static final int MAX_DOMAINS = 20;
}
