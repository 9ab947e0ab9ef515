package io.polyclinic.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox's meters: {@code polyclinic.outbox.appended} / {@code .published} / {@code .send.failures} (counters,
 * tag {@code destination}), {@code polyclinic.outbox.dead} (counter, tag {@code destination}: rows the destination
 * refused for good, marked dead; alert on any increase), {@code polyclinic.outbox.pending} (rows not yet published),
 * {@code polyclinic.outbox.dead.rows} (dead rows still in the table) and {@code polyclinic.outbox.lag} (seconds since
 * the oldest pending row was written; 0 when none). The gauges show what the relay last measured, so a scrape never
 * queries the database.
 */
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<OutboxRepository.PendingStats> stats =
            new AtomicReference<>(new OutboxRepository.PendingStats(0, null, 0));

    public OutboxMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("polyclinic.outbox.pending", stats, s -> s.get().count())
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder("polyclinic.outbox.dead.rows", stats, s -> s.get().dead())
                .description("Outbox rows their destination refused for good, not yet dealt with")
                .register(registry);
        Gauge.builder("polyclinic.outbox.lag", stats, s -> lagSeconds(s.get()))
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
    }

    void appended(String destination) {
        counter("polyclinic.outbox.appended", "Outbox messages committed", destination)
                .increment();
    }

    void published(String destination, int count) {
        counter("polyclinic.outbox.published", "Outbox messages sent and acknowledged", destination)
                .increment(count);
    }

    void sendFailed(String destination) {
        counter("polyclinic.outbox.send.failures", "Failed sends of an outbox batch", destination)
                .increment();
    }

    void dead(String destination) {
        counter("polyclinic.outbox.dead", "Outbox messages refused for good by their destination", destination)
                .increment();
    }

    void pending(OutboxRepository.PendingStats current) {
        stats.set(current);
    }

    private double lagSeconds(OutboxRepository.PendingStats current) {
        if (current.oldestCreatedAt() == null) {
            return 0;
        }
        return Math.max(
                0, Duration.between(current.oldestCreatedAt(), clock.instant()).toMillis() / 1000.0);
    }

    private Counter counter(String name, String description, String destination) {
        return Counter.builder(name)
                .description(description)
                .tag("destination", destination)
                .register(registry);
    }
}
