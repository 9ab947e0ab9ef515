package io.polyclinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.platform.audit.RecordingAuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the booking service's Spring tests: ONE shared context (same annotations everywhere, so Spring caches
 * it) on a fresh embedded PostgreSQL database and the JVM's embedded Kafka broker, real HTTP against the random port, tokens from {@link TestJwtIssuer}.
 * Every test creates its own clinics, specialties and doctors with unique names, so tests do not see each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            EmbeddedKafkaInitializer.class,
            TestJwtIssuer.Initializer.class
        })
@Import(RecordingAuditTrail.class)
public abstract class BookingApiTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** What the service recorded in the audit trail, kept once its transactions committed. */
    @Autowired
    protected RecordingAuditTrail audit;

    protected final UUID adminId = Ids.newId();
    protected final String admin = TestJwtIssuer.shared().token(adminId, "admin@test", "ADMIN");

    /** A response with its parsed body. */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text(String field) {
            return body.get(field).asString();
        }

        /** The {@code items} of a page answer ({@code {"items","page","size","totalItems","totalPages"}}). */
        public JsonNode items() {
            assertThat(status).as(raw.body()).isEqualTo(200);
            assertThat(body.has("items")).as(raw.body()).isTrue();
            return body.get("items");
        }

        /** Asserts a problem answer with this status and, when given, problem type slug. */
        public Response isProblem(int expectedStatus, String slug) {
            assertThat(status).as(raw.body()).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            assertThat(body.get("status").asInt()).isEqualTo(expectedStatus);
            if (slug != null) {
                assertThat(body.get("type").asString()).isEqualTo("urn:polyclinic:problem:" + slug);
            }
            return this;
        }
    }

    protected static String patientToken(UUID id) {
        return TestJwtIssuer.shared().token(id, id + "@patients.test", "PATIENT");
    }

    /** A CLINIC_MANAGER's token whose {@code clinics} claim lists {@code clinics} (none: no claim at all). */
    protected static String managerToken(UUID id, UUID... clinics) {
        return clinics.length == 0
                ? TestJwtIssuer.shared().token(id, id + "@managers.test", "CLINIC_MANAGER")
                : TestJwtIssuer.shared()
                        .tokenWithClinics(id, id + "@managers.test", List.of(clinics), "CLINIC_MANAGER");
    }

    protected static int next() {
        return SEQUENCE.incrementAndGet();
    }

    protected Response get(String path, String token) {
        return send("GET", path, token, null, "application/json");
    }

    protected Response post(String path, String token, Object body) {
        return send("POST", path, token, body, "application/json");
    }

    protected Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, "application/json");
    }

    protected Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, "application/json");
    }

    protected Response delete(String path, String token) {
        return send("DELETE", path, token, null, "application/json");
    }

    /** A GET with {@code Accept-Language}. */
    protected Response getInLanguage(String path, String language) {
        return send("GET", path, null, null, "application/json", language);
    }

    /** Sends a request; a String body is sent verbatim, anything else as JSON. */
    protected Response send(String method, String path, String token, Object body, String contentType) {
        return send(method, path, token, body, contentType, null);
    }

    private Response send(String method, String path, String token, Object body, String contentType, String lang) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (lang != null) {
            builder.header("Accept-Language", lang);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            builder.header("Content-Type", contentType);
            publisher =
                    HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        builder.method(method, publisher);
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            var node = text == null || text.isBlank() ? null : JSON.readTree(text);
            return new Response(response.statusCode(), response, node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures, created through the admin API ----

    protected UUID createClinic(String city, String zone) {
        var response = post(
                "/api/v1/admin/clinics",
                admin,
                java.util.Map.of(
                        "name",
                        "Clinic " + next(),
                        "address",
                        "Main street " + next(),
                        "city",
                        city,
                        "latitude",
                        55.75,
                        "longitude",
                        37.61,
                        "timeZone",
                        zone,
                        "phone",
                        "+7 495 000-00-00"));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    protected String createSpecialty() {
        var code = "spec-" + next() + "-" + Ids.newId().toString().substring(0, 8);
        var response = post(
                "/api/v1/admin/specialties",
                admin,
                java.util.Map.of("code", code, "nameRu", "Специальность " + code, "nameEn", "Specialty " + code));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return code;
    }

    protected UUID createDoctor(String fullName, String specialty, UUID... clinicIds) {
        var response = post(
                "/api/v1/admin/doctors",
                admin,
                java.util.Map.of(
                        "fullName",
                        fullName,
                        "specialties",
                        List.of(specialty),
                        "clinicIds",
                        List.of(clinicIds),
                        "bio",
                        "Bio of " + fullName,
                        "experienceYears",
                        12));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    protected UUID createSlot(UUID doctorId, UUID clinicId, Instant start, Duration length) {
        var response = post(
                "/api/v1/admin/doctors/" + doctorId + "/slots",
                admin,
                java.util.Map.of(
                        "clinicId",
                        clinicId,
                        "start",
                        start.toString(),
                        "end",
                        start.plus(length).toString()));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    /** A doctor in a fresh Moscow clinic with a fresh specialty. */
    protected Fixture fixture() {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var doctor = createDoctor("Doctor " + next(), specialty, clinic);
        return new Fixture(clinic, specialty, doctor);
    }

    /** A whole hour some days ahead, so min-notice and cancel-cutoff never bite by accident. */
    protected static Instant hoursAhead(long hours) {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(hours, ChronoUnit.HOURS);
    }

    protected record Fixture(UUID clinicId, String specialty, UUID doctorId) {}
}
