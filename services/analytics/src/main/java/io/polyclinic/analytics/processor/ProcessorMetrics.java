package io.polyclinic.analytics.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor's meters: {@code polyclinic.analytics.events.processed} (tag {@code outcome} = {@code stored},
 * {@code duplicate} or {@code dead-lettered}, and {@code reason} for the last), and
 * {@code polyclinic.analytics.processing.latency}, the time from the collector's receipt of an event to its batch's
 * commit (a histogram; Prometheus: {@code polyclinic_analytics_processing_latency_seconds}). Consumer lag is Kafka's
 * own {@code kafka_consumer_fetch_manager_records_lag_max}.
 */
public final class ProcessorMetrics {

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicates;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Timer latency;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        stored = counter("stored", "none");
        duplicates = counter("duplicate", "none");
        latency = Timer.builder("polyclinic.analytics.processing.latency")
                .description("From the collector's receipt of an event to the commit of its batch")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder("polyclinic.analytics.events.processed")
                .description("Records read from analytics.raw-events, by what became of them")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    void stored(int count) {
        stored.increment(count);
    }

    void duplicates(int count) {
        duplicates.increment(count);
    }

    void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, r -> counter("dead-lettered", r)).increment();
    }

    void latency(Duration sinceReceived) {
        latency.record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
    }
}
