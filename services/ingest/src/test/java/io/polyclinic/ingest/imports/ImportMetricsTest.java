package io.polyclinic.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.ingest.IngestTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The import meters after real imports of {@code clinic_visits}: what an operator's dashboard shows. */
class ImportMetricsTest extends IngestTest {

    private final String clinic = "Metrics " + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    MeterRegistry registry;

    @Test
    void everySeriesExistsAtStartForEveryDataset() {
        for (var dataset : new String[] {"doctors", "slots", "clinic_visits"}) {
            for (var outcome : new String[] {"succeeded", "failed", "cancelled"}) {
                assertThat(registry.find("polyclinic.ingest.imports")
                                .tags("dataset", dataset, "outcome", outcome)
                                .counter())
                        .as("%s %s", dataset, outcome)
                        .isNotNull();
            }
            for (var outcome : ImportMetrics.ROW_OUTCOMES) {
                assertThat(registry.find("polyclinic.ingest.rows")
                                .tags("dataset", dataset, "outcome", outcome)
                                .counter())
                        .isNotNull();
            }
            assertThat(registry.find("polyclinic.ingest.import.duration")
                            .tag("dataset", dataset)
                            .timer())
                    .isNotNull();
        }
        assertThat(registry.find("polyclinic.ingest.imports.running").gauge()).isNotNull();
    }

    @Test
    void aSucceededAndAFailedImportAreCountedWithTheirRowsAndDuration() throws Exception {
        var succeeded = imports("succeeded");
        var failed = imports("failed");
        var inserted = rows("inserted");
        var rejected = rows("rejected");
        var timed = registry.get("polyclinic.ingest.import.duration")
                .tag("dataset", "clinic_visits")
                .timer()
                .count();

        var good = csv("01.2026;{clinic};Терапия;Иванов;12;100", "02.2026;{clinic};Терапия;Иванов;13;100");
        assertThat(finish("SKIP_INVALID", good)).isEqualTo("SUCCEEDED");
        var bad = csv("03.2026;{clinic};Терапия;Иванов;12;100", "04.2026;{clinic};Терапия;Иванов;много;100");
        assertThat(finish("ALL_OR_NOTHING", bad)).isEqualTo("FAILED");

        // The meters count a job just after its end is committed, so the job's status can be seen a moment before.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    assertThat(imports("succeeded") - succeeded).isEqualTo(1);
                    assertThat(imports("failed") - failed).isEqualTo(1);
                    assertThat(rows("inserted") - inserted).isEqualTo(2);
                    assertThat(rows("rejected") - rejected).isEqualTo(1);
                    assertThat(registry.get("polyclinic.ingest.import.duration")
                                            .tag("dataset", "clinic_visits")
                                            .timer()
                                            .count()
                                    - timed)
                            .isEqualTo(2);
                    assertThat(registry.get("polyclinic.ingest.imports.running")
                                    .gauge()
                                    .value())
                            .isZero();
                });
    }

    private String csv(String... rows) {
        return ("Месяц;Клиника;Отделение;ФИО врача;Кол-во посещений;Выручка\n" + String.join("\n", rows) + "\n")
                .replace("{clinic}", clinic);
    }

    private String finish(String policy, String csv) throws Exception {
        var started = multipart(
                "/api/v1/imports",
                admin,
                Map.of("dataset", "clinic_visits", "policy", policy),
                "visits.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return awaitFinished(json(started).get("id").asString(), admin)
                .get("status")
                .asString();
    }

    private double imports(String outcome) {
        return registry.get("polyclinic.ingest.imports")
                .tags("dataset", "clinic_visits", "outcome", outcome)
                .counter()
                .count();
    }

    private double rows(String outcome) {
        return registry.get("polyclinic.ingest.rows")
                .tags("dataset", "clinic_visits", "outcome", outcome)
                .counter()
                .count();
    }
}
