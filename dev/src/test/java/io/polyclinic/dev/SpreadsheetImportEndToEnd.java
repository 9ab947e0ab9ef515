package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The shared stack's import of booking data through the gateway, as a clinic's administrator does it: a doctors file
 * and then a slots file uploaded to {@code /api/v1/imports} as multipart, each job followed to SUCCEEDED; a patient
 * then finds the doctor and their free slots and books one; importing the same slots file again inserts and changes
 * nothing, and the booked slot stays BOOKED. One case of {@link DevStackEndToEndTest}'s stack.
 */
final class SpreadsheetImportEndToEnd {

    private SpreadsheetImportEndToEnd() {}

    static void importDoctorsThenSlotsThroughTheGateway(GatewayClient gateway, String adminToken, String patientToken)
            throws InterruptedException {
        var clinic = GatewayClient.json(gateway.get("/api/v1/clinics?size=1", null))
                .get("items")
                .get(0);
        var specialty = GatewayClient.json(gateway.get("/api/v1/specialties?size=1", null))
                .get("items")
                .get(0);
        var number = "GW-" + UUID.randomUUID().toString().substring(0, 8);
        var name = "Шлюзова Ирина " + number;
        var clinicName = clinic.get("name").asString();

        var doctors = "Табельный номер,ФИО врача,Специальность,Клиника\n"
                + String.join(
                        ",", number, quoted(name), quoted(specialty.get("code").asString()), quoted(clinicName))
                + "\n";
        var doctorsJob = importAndFollow(gateway, adminToken, "doctors", "doctors.csv", doctors);
        assertThat(doctorsJob.get("inserted").asLong())
                .as(doctorsJob.toString())
                .isEqualTo(1);

        var day = LocalDate.now(ZoneId.of(clinic.get("timeZone").asString())).plusDays(5);
        var shown = day.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        var slots = "Табельный номер;Клиника;Начало;Длительность\n"
                + number + ";" + quoted(clinicName) + ";" + shown + " 09:00;30\n"
                + number + ";" + quoted(clinicName) + ";" + shown + " 09:30;30\n";
        var slotsJob = importAndFollow(gateway, adminToken, "slots", "slots.csv", slots);
        assertThat(slotsJob.get("inserted").asLong()).as(slotsJob.toString()).isEqualTo(2);

        var doctorId = doctorIdFoundBy(gateway, number, name);
        var free = GatewayClient.json(
                        gateway.get("/api/v1/doctors/" + doctorId + "/slots?from=" + day + "&to=" + day, null))
                .get("items");
        assertThat(free).as("the imported slots, free for patients").hasSize(2);
        var slotId = free.get(0).get("id").asString();
        var booked = gateway.post("/api/v1/appointments", patientToken, """
                {"slotId":"%s"}""".formatted(slotId));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        var again = importAndFollow(gateway, adminToken, "slots", "slots.csv", slots);
        assertThat(again.get("inserted").asLong()).as(again.toString()).isZero();
        assertThat(again.get("updated").asLong()).as(again.toString()).isZero();
        var all = GatewayClient.json(gateway.get(
                        "/api/v1/admin/doctors/" + doctorId + "/slots?from=" + day + "&to=" + day, adminToken))
                .get("items");
        assertThat(all).as("still the two slots").hasSize(2);
        for (var slot : all) {
            assertThat(slot.get("status").asString())
                    .as("slot %s after the second import", slot)
                    .isEqualTo(slot.get("id").asString().equals(slotId) ? "BOOKED" : "AVAILABLE");
        }
    }

    /** Uploads {@code content} as a multipart import of {@code dataset} and follows the job until it ends (60 s). */
    static JsonNode importAndFollow(
            GatewayClient gateway, String adminToken, String dataset, String fileName, String content)
            throws InterruptedException {
        var boundary = "----e2e" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\n" + dataset
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var started = gateway.send(gateway.request("/api/v1/imports", adminToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var id = GatewayClient.json(started).get("id").asString();
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        var job = GatewayClient.json(started);
        while (Instant.now().isBefore(deadline) && isRunning(job)) {
            Thread.sleep(250);
            job = GatewayClient.json(gateway.get("/api/v1/imports/" + id, adminToken));
        }
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }

    /**
     * The id of the doctor named {@code name} whom a patient's search for {@code term} (e.g. the personnel number)
     * finds through the gateway; fails when the search does not find them.
     */
    static String doctorIdFoundBy(GatewayClient gateway, String term, String name) {
        var found = GatewayClient.json(
                gateway.get("/api/v1/doctors?name=" + URLEncoder.encode(term, StandardCharsets.UTF_8), null));
        for (var item : found.get("items")) {
            if (item.get("fullName").asString().equals(name)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("the imported doctor " + name + " is not in a patient's search: " + found);
    }

    private static boolean isRunning(JsonNode job) {
        var status = job.get("status").asString();
        return status.equals("QUEUED") || status.equals("RUNNING");
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
