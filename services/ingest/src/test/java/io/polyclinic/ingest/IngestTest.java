package io.polyclinic.ingest;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the ingest service's Spring tests: ONE shared context (same annotations everywhere, so Spring caches it) on
 * a fresh embedded PostgreSQL database, the JVM's Kafka broker (identity's revocations), the real S3 server, booking's
 * clinic catalogue ({@link TestInfrastructure}) and test tokens.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.grpc.server.port=0", "polyclinic.ingest.progress-interval=50ms"})
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            TestJwtIssuer.Initializer.class,
            EmbeddedKafkaInitializer.class,
            TestInfrastructure.class
        })
public abstract class IngestTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    protected final UUID adminId = UUID.randomUUID();
    protected final String admin = TestJwtIssuer.shared().token(adminId, "admin@test", "ADMIN");
    protected final String patient = TestJwtIssuer.shared().token(UUID.randomUUID(), "patient@test", "PATIENT");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A multipart/form-data POST with text fields and one file part named {@code file}. */
    protected HttpResponse<String> multipart(
            String path, String token, java.util.Map<String, String> fields, String fileName, byte[] file)
            throws Exception {
        var boundary = "----polyclinic" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits until the import has ended and returns it. */
    protected JsonNode awaitFinished(String id, String token) {
        var result = new java.util.concurrent.atomic.AtomicReference<JsonNode>();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    var job = json(get("/api/v1/imports/" + id, token));
                    result.set(job);
                    var status = job.get("status").asString();
                    return !status.equals("QUEUED") && !status.equals("RUNNING");
                });
        return result.get();
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
