package io.polyclinic.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumedRecordMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumedRecordMetrics metrics = new ConsumedRecordMetrics(
            registry, "test.records.received", "Records read from topic test", List.of("schema", "rule"));

    @Test
    void theOutcomesAndTheKnownReasonsAreThereAtZeroBeforeTheFirstRecord() {
        assertThat(count("stored", "none")).isZero();
        assertThat(count("duplicate", "none")).isZero();
        assertThat(count("dead-lettered", "schema")).isZero();
        assertThat(count("dead-lettered", "rule")).isZero();
        assertThat(registry.find("test.records.received").counters()).hasSize(4);
        assertThat(registry.get("test.records.received").counter().getId().getDescription())
                .isEqualTo("Records read from topic test");
    }

    @Test
    void eachOutcomeIsCountedUnderItsTagsAndANewReasonGetsItsOwnSeries() {
        metrics.stored(3);
        metrics.stored(2);
        metrics.duplicates(1);
        metrics.deadLettered("schema");
        metrics.deadLettered("schema");
        metrics.deadLettered("malformed-json");

        assertThat(count("stored", "none")).isEqualTo(5);
        assertThat(count("duplicate", "none")).isEqualTo(1);
        assertThat(count("dead-lettered", "schema")).isEqualTo(2);
        assertThat(count("dead-lettered", "rule")).isZero();
        assertThat(count("dead-lettered", "malformed-json")).isEqualTo(1);
    }

    private double count(String outcome, String reason) {
        return registry.get("test.records.received")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .counter()
                .count();
    }
}
