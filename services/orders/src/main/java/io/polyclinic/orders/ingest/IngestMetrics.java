package io.polyclinic.orders.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of what became of the records on topic {@code orders}: {@code polyclinic.orders.received} with tag
 * {@code outcome} = {@code stored}, {@code duplicate} (the same order again, ignored) or {@code dead-lettered}, the
 * last also tagged with {@code reason} (see {@link InvalidOrderException.Reason}).
 */
public final class IngestMetrics {

    private final Counter stored;
    private final Counter duplicates;
    private final Map<InvalidOrderException.Reason, Counter> deadLettered =
            new EnumMap<>(InvalidOrderException.Reason.class);

    public IngestMetrics(MeterRegistry registry) {
        stored = counter(registry, "stored", "none");
        duplicates = counter(registry, "duplicate", "none");
        for (var reason : InvalidOrderException.Reason.values()) {
            deadLettered.put(reason, counter(registry, "dead-lettered", reason.code()));
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome, String reason) {
        return Counter.builder("polyclinic.orders.received")
                .description("Records read from topic orders, by what became of them")
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

    void deadLettered(InvalidOrderException.Reason reason) {
        deadLettered.get(reason).increment();
    }
}
