package io.polyclinic.analytics.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyclinic.platform.kafka.ConsumedRecordMetrics;
import java.time.Duration;
import java.util.List;

/**
 * The processor's meters: {@code polyclinic.analytics.events.processed} (tag {@code outcome} = {@code stored},
 * {@code duplicate} or {@code dead-lettered}, and {@code reason} for the last; the platform's
 * {@link ConsumedRecordMetrics}), and {@code polyclinic.analytics.processing.latency}, the time from the collector's
 * receipt of an event to its batch's commit (a histogram; Prometheus:
 * {@code polyclinic_analytics_processing_latency_seconds}). Consumer lag is Kafka's own
 * {@code kafka_consumer_fetch_manager_records_lag_max}.
 */
public final class ProcessorMetrics {

    private final ConsumedRecordMetrics records;
    private final Timer latency;

    public ProcessorMetrics(MeterRegistry registry) {
        records = new ConsumedRecordMetrics(
                registry,
                "polyclinic.analytics.events.processed",
                "Records read from analytics.raw-events, by what became of them",
                List.of());
        latency = Timer.builder("polyclinic.analytics.processing.latency")
                .description("From the collector's receipt of an event to the commit of its batch")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    void stored(int count) {
        records.stored(count);
    }

    void duplicates(int count) {
        records.duplicates(count);
    }

    void deadLettered(String reason) {
        records.deadLettered(reason);
    }

    void latency(Duration sinceReceived) {
        latency.record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
    }
}
