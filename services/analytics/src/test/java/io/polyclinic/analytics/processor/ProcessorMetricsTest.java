package io.polyclinic.analytics.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The processor's meters a dashboard queries exist before the first event, so a fresh processor shows them at 0. */
class ProcessorMetricsTest {

    @Test
    void theStoredAndDuplicateCountersAndTheLatencyExistAtZeroBeforeTheFirstEvent() {
        var registry = new SimpleMeterRegistry();

        var metrics = new ProcessorMetrics(registry);

        for (var outcome : new String[] {"stored", "duplicate"}) {
            assertThat(registry.get("polyclinic.analytics.events.processed")
                            .tag("outcome", outcome)
                            .counter()
                            .count())
                    .isZero();
        }
        assertThat(registry.get("polyclinic.analytics.processing.latency")
                        .timer()
                        .count())
                .isZero();

        metrics.stored(3);
        metrics.deadLettered("too-large");

        assertThat(registry.get("polyclinic.analytics.events.processed")
                        .tag("outcome", "stored")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("polyclinic.analytics.events.processed")
                        .tags("outcome", "dead-lettered", "reason", "too-large")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
