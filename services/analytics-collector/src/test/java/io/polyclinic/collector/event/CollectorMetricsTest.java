package io.polyclinic.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The collector's meters a dashboard queries exist before the first event, so a fresh collector shows them at 0. */
class CollectorMetricsTest {

    @Test
    void thePublishedAndAcceptedCountersOfEveryFormatExistAtZeroBeforeTheFirstEvent() {
        var registry = new SimpleMeterRegistry();

        new CollectorMetrics(registry);

        assertThat(registry.get("analytics.collector.events.published")
                        .counter()
                        .count())
                .isZero();
        for (var format : new String[] {"track", "plausible"}) {
            assertThat(registry.get("analytics.collector.events.accepted")
                            .tag("format", format)
                            .counter()
                            .count())
                    .isZero();
        }
    }
}
