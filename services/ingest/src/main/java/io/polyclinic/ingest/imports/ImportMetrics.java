package io.polyclinic.ingest.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyclinic.ingest.dataset.Dataset;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.LoadCounts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The import meters, at {@code /actuator/prometheus}:
 *
 * <ul>
 *   <li>{@code polyclinic_ingest_imports_total{dataset, outcome}}: imports that ended, {@code outcome} =
 *       {@code succeeded}, {@code failed} (a bad file, invalid rows under all-or-nothing, booking unreachable, or a
 *       job a stopped replica left behind) or {@code cancelled};
 *   <li>{@code polyclinic_ingest_rows_total{dataset, outcome}}: the rows of ended imports, {@code outcome} =
 *       {@code inserted}, {@code updated}, {@code unchanged} or {@code rejected};
 *   <li>{@code polyclinic_ingest_import_duration_seconds{dataset}}: from the start of a run to its end (a histogram,
 *       for quantiles); a job a stopped replica left behind has no duration;
 *   <li>{@code polyclinic_ingest_imports_running}: imports running in this replica now.
 * </ul>
 *
 * <p>Every series is registered at start-up for each dataset of the catalogue, so a fresh service shows them at 0. A
 * job cancelled while still QUEUED never ran and is not counted.
 */
@Component
class ImportMetrics {

    static final List<String> ROW_OUTCOMES = List.of("inserted", "updated", "unchanged", "rejected");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    ImportMetrics(MeterRegistry registry, DatasetCatalog catalog) {
        this.registry = registry;
        Gauge.builder("polyclinic.ingest.imports.running", running, AtomicInteger::get)
                .description("Imports running in this replica")
                .register(registry);
        for (var dataset : catalog.all().stream().map(Dataset::name).toList()) {
            for (var status : List.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)) {
                imports(dataset, status);
            }
            ROW_OUTCOMES.forEach(outcome -> rows(dataset, outcome));
            duration(dataset);
        }
    }

    /** A job began to run in this replica. */
    void runStarted() {
        running.incrementAndGet();
    }

    /** A job that {@link #runStarted()} stopped running (whatever its end). */
    void runStopped() {
        running.decrementAndGet();
    }

    /**
     * Counts a job that ended.
     *
     * @param dataset the job's dataset
     * @param status SUCCEEDED, FAILED or CANCELLED
     * @param counts its final row counts
     * @param durationMs from the start of its run to its end, in milliseconds; null when unknown (not counted)
     */
    void ended(String dataset, JobStatus status, LoadCounts counts, Long durationMs) {
        imports(dataset, status).increment();
        rows(dataset, "inserted").increment(counts.inserted());
        rows(dataset, "updated").increment(counts.updated());
        rows(dataset, "unchanged").increment(counts.unchanged());
        rows(dataset, "rejected").increment(counts.rejected());
        if (durationMs != null) {
            duration(dataset).record(Duration.ofMillis(Math.max(0, durationMs)));
        }
    }

    private Counter imports(String dataset, JobStatus status) {
        var outcome = status.name().toLowerCase(Locale.ROOT);
        return counters.computeIfAbsent(
                "imports|" + dataset + '|' + outcome, key -> Counter.builder("polyclinic.ingest.imports")
                        .description("Imports that ended, by dataset and outcome")
                        .tag("dataset", dataset)
                        .tag("outcome", outcome)
                        .register(registry));
    }

    private Counter rows(String dataset, String outcome) {
        return counters.computeIfAbsent(
                "rows|" + dataset + '|' + outcome, key -> Counter.builder("polyclinic.ingest.rows")
                        .description("Rows of ended imports, by dataset and what became of them")
                        .tag("dataset", dataset)
                        .tag("outcome", outcome)
                        .register(registry));
    }

    private Timer duration(String dataset) {
        return durations.computeIfAbsent(dataset, key -> Timer.builder("polyclinic.ingest.import.duration")
                .description("From the start of an import's run to its end")
                .tag("dataset", dataset)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry));
    }
}
