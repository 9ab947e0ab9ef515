package io.polyclinic.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.ingest.IngestTest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Preview, .xlsx, presigned and multipart uploads, progress events, cancel and the restart rule. */
class ImportFlowTest extends IngestTest {

    private final String clinic = "Clinic " + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ImportService imports;

    /** An .xlsx written by a real writer: a title row, English headers, a date cell, numbers. */
    private byte[] xlsx(int rows) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var workbook = new Workbook(out, "test", "1.0")) {
            var sheet = workbook.newWorksheet("Visits");
            sheet.value(0, 0, "Monthly report");
            var headers = new String[] {"Month", "Clinic", "Department", "Doctor name", "Visits", "Revenue", "Notes"};
            for (int c = 0; c < headers.length; c++) {
                sheet.value(2, c, headers[c]);
            }
            for (int r = 0; r < rows; r++) {
                sheet.value(3 + r, 0, LocalDate.of(2025, 1, 1).plusMonths(r % 24));
                sheet.style(3 + r, 0).format("yyyy-mm-dd").set();
                sheet.value(3 + r, 1, clinic);
                sheet.value(3 + r, 2, "Cardiology");
                sheet.value(3 + r, 3, "Dr " + (r / 24));
                sheet.value(3 + r, 4, 10 + r);
                sheet.value(3 + r, 5, 1000.5 + r);
                sheet.value(3 + r, 6, "<script>alert(1)</script>");
            }
        }
        return out.toByteArray();
    }

    @Test
    void thePreviewShowsSheetsHeaderMappingAndParsedRows() throws Exception {
        var response = multipart(
                "/api/v1/imports/preview", admin, Map.of("dataset", "clinic_visits"), "visits.xlsx", xlsx(30));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var preview = json(response);
        assertThat(preview.get("format").asString()).isEqualTo("XLSX");
        assertThat(preview.get("sheet").asString()).isEqualTo("Visits");
        assertThat(preview.get("headerRow").asLong()).isEqualTo(3);
        assertThat(preview.get("mapping").get("missingFields")).isEmpty();
        assertThat(preview.get("mapping").get("unknownHeaders").toString()).contains("Notes");
        assertThat(preview.get("rows")).hasSize(20);
        var first = preview.get("rows").get(0);
        assertThat(first.get("stored").get("month").asString()).isEqualTo("2025-01-01");
        assertThat(first.get("stored").get("revenue").asString()).isEqualTo("1000.50");
        assertThat(first.get("parsed").get("Notes").asString()).isEqualTo("<script>alert(1)</script>");
        assertThat(jdbc.sql("select count(*) from warehouse.clinic_visits where clinic = ?")
                        .param(clinic)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCellThatDoesNotParseIsAProblemInThePreview() throws Exception {
        var csv = "Month,Clinic,Department,Doctor,Visits,Revenue\n2026-13,X,Y,Z,many,1\n";
        var preview = json(multipart(
                "/api/v1/imports/preview",
                admin,
                Map.of("dataset", "clinic_visits"),
                "v.csv",
                csv.getBytes(StandardCharsets.UTF_8)));

        var problems = preview.get("rows").get(0).get("problems");
        assertThat(problems.findValuesAsString("field")).contains("month", "visits");
    }

    @Test
    void anXlsxUploadedThroughAPresignedUrlIsImported() throws Exception {
        var upload = send("POST", "/api/v1/uploads", admin, "{\"fileName\":\"visits.xlsx\"}");
        assertThat(upload.statusCode()).isEqualTo(201);
        var url = json(upload).get("url").asString();
        var key = json(upload).get("key").asString();

        var put = HTTP.send(
                HttpRequest.newBuilder(java.net.URI.create(url))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(xlsx(48)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        var started = send(
                "POST",
                "/api/v1/imports",
                admin,
                "{\"key\":\"" + key + "\",\"dataset\":\"clinic_visits\",\"policy\":\"SKIP_INVALID\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var job = awaitFinished(json(started).get("id").asString(), admin);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("inserted").asLong()).isEqualTo(48);
        assertThat(job.get("fileName").asString()).isEqualTo("visits.xlsx");

        // Someone else's upload key is refused.
        var other = io.polyclinic.testkit.jwt.TestJwtIssuer.shared()
                .tokenWithClinics(UUID.randomUUID(), "o@test", java.util.List.of(UUID.randomUUID()), "CLINIC_MANAGER");
        var refused = send("POST", "/api/v1/imports", other, "{\"key\":\"" + key + "\",\"dataset\":\"clinic_visits\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void progressIsStreamedUntilTheImportEnds() throws Exception {
        var started = multipart("/api/v1/imports", admin, Map.of("dataset", "clinic_visits"), "visits.xlsx", xlsx(24));
        var id = json(started).get("id").asString();

        var events = HTTP.send(
                HttpRequest.newBuilder(uri("/api/v1/imports/" + id + "/events"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:progress").contains("\"status\":\"SUCCEEDED\"");
    }

    @Test
    void aMultipartUploadIsImportedFromTheServicesDiskAndItsFileIsGoneWhenTheJobEnds() throws Exception {
        var started = multipart(
                "/api/v1/imports",
                admin,
                Map.of("dataset", "clinic_visits", "policy", "SKIP_INVALID"),
                "visits.xlsx",
                xlsx(36));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var id = json(started).get("id").asString();

        var job = awaitFinished(id, admin);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("inserted").asLong()).isEqualTo(36);
        assertThat(jdbc.sql("select object_key from import_jobs where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .optional())
                .as("no copy in the bucket")
                .isEmpty();
        var upload = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "ingest-" + id + ".upload");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(upload).doesNotExist());
    }

    @Test
    void aCancelledImportLoadsNothing() throws Exception {
        var csv = new StringBuilder("Month;Clinic;Department;Doctor;Visits;Revenue\n");
        for (int i = 0; i < 150_000; i++) {
            csv.append(2000 + i / 1200)
                    .append('-')
                    .append(String.format("%02d", 1 + i % 12))
                    .append(';');
            csv.append(clinic)
                    .append(";Dept;Doctor ")
                    .append(i / 12 % 100)
                    .append(';')
                    .append(i % 500)
                    .append(";1\n");
        }
        var started = multipart(
                "/api/v1/imports",
                admin,
                Map.of("dataset", "clinic_visits", "policy", "SKIP_INVALID"),
                "big.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        var id = json(started).get("id").asString();

        var cancelled = send("POST", "/api/v1/imports/" + id + "/cancel", admin, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        var job = awaitFinished(id, admin);
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from warehouse.clinic_visits where clinic = ?")
                        .param(clinic)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(send("POST", "/api/v1/imports/" + id + "/cancel", admin, "").statusCode())
                .isEqualTo(409);
    }

    @Test
    void aRestartMarksImportsLeftRunningAsFailedWithAReason() {
        var id = UUID.randomUUID();
        jdbc.sql("insert into import_jobs (id, dataset, policy, status, file_name, file_size, object_key, started_by,"
                        + " started_at) values (?, 'clinic_visits', 'ALL_OR_NOTHING', 'RUNNING', 'x.csv', 10,"
                        + " 'uploads/x', ?, now())")
                .params(id, adminId)
                .update();

        assertThat(imports.failInterrupted()).contains(id);

        var row = jdbc.sql("select status, failure_reason from import_jobs where id = ?")
                .param(id)
                .query((rs, i) -> rs.getString(1) + ": " + rs.getString(2))
                .single();
        assertThat(row).startsWith("FAILED: The service restarted during the import");
    }
}
