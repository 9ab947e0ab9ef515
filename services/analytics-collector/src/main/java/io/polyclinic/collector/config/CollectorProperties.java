package io.polyclinic.collector.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The collector's settings ({@code polyclinic.collector.*}).
 *
 * @param maxEventAge how old a client {@code timestamp} may be before the event is refused (default 24 h, the raw
 *     topic's retention)
 * @param maxClockSkew how far in the future a client {@code timestamp} may be (default 10 min)
 * @param topicPartitions partitions of {@code analytics.raw-events} and {@code analytics.sites} when the collector
 *     creates them (default 3)
 * @param rawEventsRetention retention of {@code analytics.raw-events} when the collector creates it (default 24 h: the
 *     IP address and user agent in a raw event live no longer)
 * @param headlessBrowsersCounted whether headless Chrome counts as a browser rather than a bot (default {@code false};
 *     the dev stack turns it on so that a headless browser test or demo of the test site is recorded)
 * @param rateLimit per-client limit on {@code /track}, {@code /api/event} and {@code /tracker.js}
 */
@Validated
@ConfigurationProperties("polyclinic.collector")
public record CollectorProperties(
        @NotNull @DefaultValue("24h") Duration maxEventAge,
        @NotNull @DefaultValue("10m") Duration maxClockSkew,
        @Min(1) @DefaultValue("3") int topicPartitions,
        @NotNull @DefaultValue("24h") Duration rawEventsRetention,
        @DefaultValue("false") boolean headlessBrowsersCounted,
        @Valid @NotNull @DefaultValue RateLimit rateLimit) {

    /**
     * A token bucket per client address.
     *
     * @param enabled whether requests are limited (default {@code true}; the benchmark turns it off)
     * @param capacity requests per period and burst size (default 600: a busy page sends a few events a minute, a clinic
     *     behind one NAT address many visitors)
     * @param period the refill period (default 1 min)
     * @param maxClients buckets kept at most (default 100000)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("600") long capacity,
            @NotNull @DefaultValue("1m") Duration period,
            @Min(1) @DefaultValue("100000") long maxClients) {}
}
