package io.polyclinic.collector.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collector's business metrics, at {@code /actuator/prometheus}:
 *
 * <ul>
 *   <li>{@code analytics_collector_events_accepted_total{format}}: events that passed every check ({@code track} or
 *       {@code plausible});
 *   <li>{@code analytics_collector_events_published_total}: events the broker acknowledged (each answered 202);
 *   <li>{@code analytics_collector_events_rejected_total{reason}}: events refused, by the problem type's slug
 *       ({@code unknown-site}, {@code foreign-url}, {@code malformed-json}, {@code rate-limited},
 *       {@code kafka-unavailable} ...);
 *   <li>{@code analytics_collector_events_ignored_total{reason}}: events answered 202 but dropped on purpose
 *       ({@code bot}, {@code engagement}).
 * </ul>
 *
 * <p>The published counter and the accepted counter of each format are registered at start-up, so they show (at 0)
 * before the first event; a rejection or drop counter appears with its first reason.
 */
public final class CollectorMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("analytics.collector.events.published")
                .description("Events acknowledged by Kafka")
                .register(registry);
        for (var format : EventIntakeService.Format.values()) {
            counter("analytics.collector.events.accepted", "format", format.tag());
        }
    }

    void accepted(String format) {
        counter("analytics.collector.events.accepted", "format", format).increment();
    }

    void published() {
        published.increment();
    }

    /** Counts a refusal; {@code reason} is one of a fixed set of slugs. */
    public void rejected(String reason) {
        counter("analytics.collector.events.rejected", "reason", reason).increment();
    }

    void ignored(String reason) {
        counter("analytics.collector.events.ignored", "reason", reason).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(
                name + '|' + value, key -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
