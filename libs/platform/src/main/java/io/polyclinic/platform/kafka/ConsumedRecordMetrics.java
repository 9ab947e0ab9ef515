package io.polyclinic.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One counter of what became of the records a batch consumer read, e.g. {@code polyclinic.orders.received}: tag
 * {@code outcome} = {@code stored}, {@code duplicate} (a redelivery or the same record again, ignored) or
 * {@code dead-lettered}, and tag {@code reason} = the {@link RejectedRecord#reason()} code for the last
 * ({@code none} for the others). The {@code stored} and {@code duplicate} series and those of the reasons named at
 * construction exist from the start (at 0); a reason not named there gets its series on first use. Thread-safe.
 */
public final class ConsumedRecordMetrics {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Counter stored;
    private final Counter duplicates;
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    /**
     * Registers the counter's first series.
     *
     * @param registry where the counter is registered
     * @param name the counter's name, e.g. {@code polyclinic.orders.received}
     * @param description the counter's description, e.g. "Records read from topic orders, by what became of them"
     * @param knownReasons the reason codes whose {@code dead-lettered} series are registered now (may be empty)
     */
    public ConsumedRecordMetrics(
            MeterRegistry registry, String name, String description, Collection<String> knownReasons) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.stored = counter("stored", "none");
        this.duplicates = counter("duplicate", "none");
        knownReasons.forEach(reason -> deadLettered.put(reason, counter("dead-lettered", reason)));
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder(name)
                .description(description)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    /** Counts {@code count} records stored. */
    public void stored(int count) {
        stored.increment(count);
    }

    /** Counts {@code count} records ignored as stored before. */
    public void duplicates(int count) {
        duplicates.increment(count);
    }

    /** Counts one record dead-lettered for {@code reason}. */
    public void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, r -> counter("dead-lettered", r)).increment();
    }
}
