package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The shared stack's ingest case: an administrator imports a CSV of monthly visits through the gateway, follows the
 * job to SUCCEEDED and finds the rows in the warehouse, next to the demo data the stack wrote there.
 */
final class IngestEndToEnd {

    private IngestEndToEnd() {}

    static void importVisitsThroughTheGateway(DevStack stack, GatewayClient gateway, String adminToken)
            throws Exception {
        var clinic = "E2E clinic " + UUID.randomUUID().toString().substring(0, 8);
        var csv = "Месяц;Клиника;Отделение;Врач;Посещения;Выручка\n"
                + "01.2026;" + clinic + ";Терапия;Иванов И. И.;120;150 000,50\n"
                + "02.2026;" + clinic + ";Терапия;Иванов И. И.;98;120 000\n";
        var boundary = "----e2e" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\nclinic_visits\r\n"
                                + "--" + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"visits.csv\"\r\n"
                                + "Content-Type: text/csv\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        var started = gateway.send(gateway.request("/api/v1/imports", adminToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var id = GatewayClient.json(started).get("id").asString();

        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        var status = "QUEUED";
        while (Instant.now().isBefore(deadline) && (status.equals("QUEUED") || status.equals("RUNNING"))) {
            Thread.sleep(250);
            status = GatewayClient.json(gateway.get("/api/v1/imports/" + id, adminToken))
                    .get("status")
                    .asString();
        }
        assertThat(status).isEqualTo("SUCCEEDED");

        try (var connection = DriverManager.getConnection(stack.jdbcUrl("ingest"), "postgres", "");
                var statement = connection.prepareStatement(
                        "select count(*) filter (where clinic = ?), count(*) from warehouse.clinic_visits")) {
            statement.setString(1, clinic);
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).as("the demo data").isGreaterThan(100);
            }
        }
    }
}
