package io.polyclinic.analytics.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The analytics service's settings ({@code polyclinic.analytics.*}); Kafka itself is Spring Boot's
 * {@code spring.kafka.*}.
 *
 * @param processor the consumer of topic {@code analytics.raw-events} ({@code processor.*})
 * @param storage event storage and its retention ({@code storage.*})
 * @param enrichment GeoIP, user agents and the visitor hash ({@code enrichment.*})
 * @param sites the sites API and topic ({@code sites.*})
 */
@Validated
@ConfigurationProperties("polyclinic.analytics")
public record AnalyticsProperties(
        @DefaultValue @Valid Processor processor,
        @DefaultValue @Valid Storage storage,
        @DefaultValue @Valid Enrichment enrichment,
        @DefaultValue @Valid Sites sites) {

    /**
     * The consumer of topic {@code analytics.raw-events}.
     *
     * @param topic the topic read ({@code polyclinic.analytics.processor.topic}, default {@code analytics.raw-events})
     * @param deadLetterTopic where malformed records go, with the reason in headers ({@code dead-letter-topic},
     *     default {@code analytics.raw-events.dlt})
     * @param partitions partitions of both topics when the service creates them ({@code partitions}, default 3)
     * @param maxEventBytes the largest raw event accepted; a bigger record is dead-lettered ({@code max-event-bytes},
     *     default 65536)
     * @param maxDeadLetterBytes how much of a record's value a dead letter keeps ({@code max-dead-letter-bytes},
     *     default 65536)
     * @param sessionTimeout the inactivity that ends a session ({@code session-timeout}, default {@code 30m})
     * @param outageInitialBackoff the first pause before a batch is tried again after an outage of the database or
     *     Kafka ({@code outage-initial-backoff}, default {@code 1s}); it doubles, without limit of attempts
     * @param outageMaxBackoff the longest such pause ({@code outage-max-backoff}, default {@code 30s})
     */
    public record Processor(
            @DefaultValue("analytics.raw-events") @NotBlank String topic,

            @DefaultValue("analytics.raw-events.dlt") @NotBlank
            String deadLetterTopic,

            @DefaultValue("3") @Min(1) @Max(1000) int partitions,
            @DefaultValue("65536") @Min(1024) @Max(1048576) int maxEventBytes,
            @DefaultValue("65536") @Min(1024) @Max(1048576) int maxDeadLetterBytes,
            @DefaultValue("30m") @NotNull Duration sessionTimeout,
            @DefaultValue("1s") @NotNull Duration outageInitialBackoff,
            @DefaultValue("30s") @NotNull Duration outageMaxBackoff) {}

    /**
     * Event storage.
     *
     * @param retentionDays how many UTC days of raw events are kept ({@code polyclinic.analytics.storage.retention-days},
     *     default 60); older day partitions are dropped, rollups stay. An event older than that is dead-lettered
     *     as {@code expired}
     * @param daysAhead how many days of partitions exist ahead of today ({@code days-ahead}, default 3)
     * @param maintenanceInterval how often partitions are created ahead and old ones dropped
     *     ({@code maintenance-interval}, default {@code 1h})
     */
    public record Storage(
            @DefaultValue("60") @Min(2) @Max(3650) int retentionDays,
            @DefaultValue("3") @Min(1) @Max(60) int daysAhead,
            @DefaultValue("1h") @NotNull Duration maintenanceInterval) {}

    /**
     * Enrichment.
     *
     * @param visitorSecret the secret the daily visitor-hash salt derives from
     *     ({@code polyclinic.analytics.enrichment.visitor-secret}, env {@code POLYCLINIC_ANALYTICS_VISITOR_SECRET};
     *     required, no default: at least 32 characters)
     * @param geoipDatabase the GeoIP country database (MaxMind DB format) ({@code geoip-database}, default
     *     {@code var/geoip/geo-whois-asn-country.mmdb}); missing: countries are {@code unknown}, with a warning
     * @param geoipDownloadUrl where the database is fetched when the file is missing: an npm registry URL of the
     *     package's latest version document ({@code geoip-download-url}, default the CC0 package
     *     {@code @ip-location-db/geo-whois-asn-country-mmdb}); empty: never fetched
     * @param userAgentCacheSize how many parsed user agents Yauaa keeps ({@code user-agent-cache-size}, default 10000)
     */
    public record Enrichment(
            @NotBlank @Size(min = 32, max = 1024) String visitorSecret,

            @DefaultValue("var/geoip/geo-whois-asn-country.mmdb") @NotBlank
            String geoipDatabase,

            @DefaultValue("https://registry.npmjs.org/@ip-location-db/geo-whois-asn-country-mmdb/latest")
            String geoipDownloadUrl,

            @DefaultValue("10000") @Min(0) @Max(1000000) int userAgentCacheSize) {}

    /**
     * The sites API.
     *
     * @param topic the compacted topic that carries every site's record to the collector ({@code topic}, default
     *     {@code analytics.sites})
     * @param collectorUrl the collector's public base URL, used in the snippet ({@code collector-url}, default
     *     {@code http://localhost:8080})
     */
    public record Sites(
            @DefaultValue("analytics.sites") @NotBlank String topic,
            @DefaultValue("http://localhost:8080") @NotBlank String collectorUrl) {}
}
