package io.polyclinic.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.ingest.IngestTest;
import io.polyclinic.ingest.TestInfrastructure;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Imports of {@code clinic_visits} from CSV over {@code /api/v1/imports}: loads, re-imports, policies, errors. */
class ImportApiTest extends IngestTest {

    /** A clinic of its own per test, so tests never see each other's rows. */
    private final String clinic = "Клиника " + UUID.randomUUID().toString().substring(0, 8);

    private String csv(String... rows) {
        return "Отчёт по посещениям;;;;;\n"
                + "Месяц;Клиника;Отделение;ФИО врача;Кол-во посещений;Выручка, руб.\n"
                + String.join("\n", rows).replace("{clinic}", clinic) + "\n";
    }

    private String start(String token, String policy, String fileName, byte[] file) throws Exception {
        var response = multipart(
                "/api/v1/imports", token, Map.of("dataset", "clinic_visits", "policy", policy), fileName, file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).isPresent();
        return json(response).get("id").asString();
    }

    private long warehouseRows() {
        return jdbc.sql("select count(*) from warehouse.clinic_visits where clinic = ?")
                .param(clinic)
                .query(Long.class)
                .single();
    }

    @Test
    void aCsvLandsInTheWarehouseAndImportingItAgainLeavesTheSameRows() throws Exception {
        var file = csv(
                        "01.2026;{clinic};Терапия;Иванов Иван;120;150 000,50",
                        "2026-02;{clinic};Терапия;Иванов Иван;98;120\u00a0000",
                        "март 2026;{clinic};Хирургия;Петров Пётр;40;99999.99")
                .getBytes(StandardCharsets.UTF_8);

        var first = awaitFinished(start(admin, "ALL_OR_NOTHING", "visits.csv", file), admin);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("rowsRead").asLong()).isEqualTo(3);
        assertThat(first.get("inserted").asLong()).isEqualTo(3);
        assertThat(first.get("startedBy").asString()).isEqualTo(adminId.toString());
        assertThat(first.get("durationMs").asLong()).isNotNegative();

        var stored = jdbc.sql("select month::text, department, doctor, visits, revenue::text"
                        + " from warehouse.clinic_visits where clinic = ? order by month")
                .param(clinic)
                .query((rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4)
                        + "|" + rs.getString(5))
                .list();
        assertThat(stored)
                .containsExactly(
                        "2026-01-01|Терапия|Иванов Иван|120|150000.50",
                        "2026-02-01|Терапия|Иванов Иван|98|120000.00",
                        "2026-03-01|Хирургия|Петров Пётр|40|99999.99");

        var second = awaitFinished(start(admin, "ALL_OR_NOTHING", "visits.csv", file), admin);
        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.get("inserted").asLong()).isZero();
        assertThat(second.get("updated").asLong()).isZero();
        assertThat(second.get("unchanged").asLong()).isEqualTo(3);
        assertThat(warehouseRows()).isEqualTo(3);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} of a generated file, each a distinct key (a month of the years from
     * 2000 on, a doctor of 100), {@code visitsAdded} added to every row's visits.
     */
    private String generated(int from, int to, int visitsAdded) {
        var rows = new StringBuilder("Month;Clinic;Department;Doctor;Visits;Revenue\n");
        for (int i = from; i < to; i++) {
            rows.append(String.format(
                    "%d-%02d;%s;Dept;Doctor %d;%d;1\n",
                    2000 + i / 1200, 1 + i % 12, clinic, i / 12 % 100, i % 500 + visitsAdded));
        }
        return rows.toString();
    }

    @Test
    void aFileOfSeveralChunksLandsWholeOrNotAtAll() throws Exception {
        // 110,000 rows: two full chunks moved into the warehouse and a third, in one transaction
        var valid = generated(0, 110_000, 0);
        var invalidLast = valid + "2100-01;" + clinic + ";Dept;Doctor 0;-1;1\n";

        var refused = awaitFinished(start(admin, "ALL_OR_NOTHING", "last-row-bad.csv", bytes(invalidLast)), admin);
        assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("FAILED");
        assertThat(refused.get("rejected").asLong()).isEqualTo(1);
        assertThat(warehouseRows())
                .as("the chunks moved before the bad row are rolled back")
                .isZero();

        var loaded = awaitFinished(start(admin, "ALL_OR_NOTHING", "many.csv", bytes(valid)), admin);
        assertThat(loaded.get("status").asString()).as(loaded.toString()).isEqualTo("SUCCEEDED");
        assertThat(loaded.get("inserted").asLong()).isEqualTo(110_000);
        assertThat(warehouseRows()).isEqualTo(110_000);

        var again = awaitFinished(start(admin, "ALL_OR_NOTHING", "many.csv", bytes(valid)), admin);
        assertThat(again.get("unchanged").asLong()).isEqualTo(110_000);
        assertThat(again.get("inserted").asLong() + again.get("updated").asLong())
                .isZero();
    }

    @Test
    void aLaterChunkWithKnownKeysUpdatesThemAndKeepsTheNewRowsOfEarlierChunks() throws Exception {
        // Rows 60,000-79,999 first. Then rows 0-99,999 with one more visit each: the first chunk of 50,000 is all new
        // keys (inserted as new), the second meets the known ones part-way and is upserted instead.
        var known =
                awaitFinished(start(admin, "ALL_OR_NOTHING", "known.csv", bytes(generated(60_000, 80_000, 0))), admin);
        assertThat(known.get("inserted").asLong()).as(known.toString()).isEqualTo(20_000);

        var mixed = awaitFinished(start(admin, "ALL_OR_NOTHING", "mixed.csv", bytes(generated(0, 100_000, 1))), admin);

        assertThat(mixed.get("status").asString()).as(mixed.toString()).isEqualTo("SUCCEEDED");
        assertThat(mixed.get("inserted").asLong()).isEqualTo(80_000);
        assertThat(mixed.get("updated").asLong()).isEqualTo(20_000);
        assertThat(warehouseRows()).isEqualTo(100_000);
        assertThat(jdbc.sql("select count(*) from warehouse.clinic_visits where clinic = ? and visits = 0")
                        .param(clinic)
                        .query(Long.class)
                        .single())
                .as("every row, known or new, has the mixed file's figures (row i has i mod 500, plus one, visits)")
                .isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWindows1251CsvWithChangedFiguresUpdatesTheRows() throws Exception {
        var original = csv("01.2026;{clinic};Терапия;Сидоров;10;1000");
        awaitFinished(start(admin, "ALL_OR_NOTHING", "v.csv", original.getBytes(StandardCharsets.UTF_8)), admin);

        var changed = csv("01.2026;{clinic};Терапия;Сидоров;11;1100", "02.2026;{clinic};Терапия;Сидоров;5;500");
        var job = awaitFinished(
                start(admin, "ALL_OR_NOTHING", "v.csv", changed.getBytes(Charset.forName("windows-1251"))), admin);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("updated").asLong()).isEqualTo(1);
        assertThat(job.get("inserted").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select visits from warehouse.clinic_visits where clinic = ? and month = '2026-01-01'")
                        .param(clinic)
                        .query(Integer.class)
                        .single())
                .isEqualTo(11);
    }

    @Test
    void allOrNothingLoadsNothingWhenARowIsInvalidAndTheReportNamesIt() throws Exception {
        var file = csv(
                        "01.2026;{clinic};Терапия;Иванов;12;100",
                        "02.2026;{clinic};Терапия;Иванов;двенадцать;100",
                        "01.2026;{clinic};Терапия;Иванов;13;100",
                        "03.2026;{clinic};Терапия;Иванов;-1;=HYPERLINK(\"http://evil\")")
                .getBytes(StandardCharsets.UTF_8);

        var job = awaitFinished(start(admin, "ALL_OR_NOTHING", "bad.csv", file), admin);

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asString()).contains("nothing was loaded");
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        assertThat(warehouseRows()).isZero();

        var report = get("/api/v1/imports/" + job.get("id").asString() + "/errors?format=csv", admin);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(report.body())
                .contains("двенадцать")
                .contains("duplicate of row 3")
                .contains("must not be negative")
                .doesNotContain(",=HYPERLINK", ";=HYPERLINK", "\"=HYPERLINK");

        var xlsx = HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                                uri("/api/v1/imports/" + job.get("id").asString() + "/errors?format=xlsx"))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }

    @Test
    void skipInvalidLoadsTheValidRowsAndCountsTheRest() throws Exception {
        var file = csv(
                        "01.2026;{clinic};Терапия;Иванов;12;100",
                        "02.2026;{clinic};Терапия;;12;100",
                        "02.2026;{clinic};Терапия;Петров;7;70")
                .getBytes(StandardCharsets.UTF_8);

        var job = awaitFinished(start(admin, "SKIP_INVALID", "some.csv", file), admin);

        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("inserted").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(warehouseRows()).isEqualTo(2);
    }

    @Test
    void aManagerLoadsOnlyRowsOfTheirOwnClinics() throws Exception {
        var own = TestInfrastructure.clinic(clinic);
        var manager =
                TestJwtIssuer.shared().tokenWithClinics(UUID.randomUUID(), "m@test", List.of(own), "CLINIC_MANAGER");
        var file = csv("01.2026;{clinic};Терапия;Иванов;12;100", "01.2026;Чужая клиника;Терапия;Иванов;12;100")
                .getBytes(StandardCharsets.UTF_8);

        var allOrNothing = awaitFinished(start(manager, "ALL_OR_NOTHING", "v.csv", file), manager);
        assertThat(allOrNothing.get("status").asString()).isEqualTo("FAILED");
        assertThat(warehouseRows()).isZero();

        var skip = awaitFinished(start(manager, "SKIP_INVALID", "v.csv", file), manager);
        assertThat(skip.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(skip.get("inserted").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/imports/" + skip.get("id").asString() + "/errors", manager)
                        .body())
                .contains("Чужая клиника", "not one of your clinics");
        assertThat(jdbc.sql("select count(*) from warehouse.clinic_visits where clinic = 'Чужая клиника'")
                        .query(Long.class)
                        .single())
                .isZero();

        // Another manager neither sees the import nor cancels it.
        var stranger = TestJwtIssuer.shared()
                .tokenWithClinics(UUID.randomUUID(), "s@test", List.of(UUID.randomUUID()), "CLINIC_MANAGER");
        assertThat(get("/api/v1/imports/" + skip.get("id").asString(), stranger).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFileWithoutARequiredColumnFailsNamingItAndTheHeadersFound() throws Exception {
        var file = "Месяц;Клиника;Врач;Посещения\n01.2026;X;Y;1\n".getBytes(StandardCharsets.UTF_8);

        var job = awaitFinished(start(admin, "ALL_OR_NOTHING", "short.csv", file), admin);

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asString())
                .contains("department", "revenue")
                .contains("\"Месяц\"", "\"Посещения\"");
    }

    @Test
    void theImportIsRefusedToPatientsAndAnUnknownDatasetIsA400() throws Exception {
        var file = csv("01.2026;{clinic};Терапия;Иванов;12;100").getBytes(StandardCharsets.UTF_8);
        assertThat(multipart("/api/v1/imports", patient, Map.of("dataset", "clinic_visits"), "v.csv", file)
                        .statusCode())
                .isEqualTo(403);
        var unknown = multipart("/api/v1/imports", admin, Map.of("dataset", "salaries"), "v.csv", file);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("detail").asString()).contains("clinic_visits");
    }
}
