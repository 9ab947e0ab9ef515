package io.polyclinic.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.identity.token.AccessTokenIssuer;
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
import java.util.List;
import java.util.Map;
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
 * Base of the API tests: one Spring context (cached across every subclass) on a fresh embedded PostgreSQL database
 * and the JVM's embedded Kafka broker,
 * real HTTP with the JDK client. Each test instance sends its requests from its own client IP (through
 * {@code X-Forwarded-For}, trusted from loopback) so the per-IP login limit of one test does not leak into another.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.identity.password.bcrypt-strength=10",
            "polyclinic.identity.keys.directory=target/test-keys",
            "polyclinic.identity.keys.generate-dev-key=true",
            // Off here, so the session-ended checks stay observable; RevocationApiTest turns it on.
            "polyclinic.security.revocation.enabled=false",
            "polyclinic.identity.admin.email=" + IdentityApiTest.ROOT_EMAIL,
            "polyclinic.identity.admin.password=" + IdentityApiTest.ROOT_PASSWORD,
            "polyclinic.identity.service-tokens.clients.booking.secret=" + IdentityApiTest.BOOKING_SECRET,
            "polyclinic.identity.service-tokens.clients.booking.scopes=audit.write,booking.read",
            "polyclinic.identity.service-tokens.clients.notifier.secret-sha256="
                    + IdentityApiTest.NOTIFIER_SECRET_SHA256,
            "polyclinic.identity.service-tokens.clients.notifier.scopes=audit.write"
        })
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            EmbeddedKafkaInitializer.class,
            TestJwtIssuer.Initializer.class
        })
@Import(RecordingAuditTrail.class)
public abstract class IdentityApiTest {

    public static final String ROOT_EMAIL = "root@polyclinic.test";
    public static final String ROOT_PASSWORD = "Root-password-for-tests";
    public static final String PASSWORD = "correct horse battery staple";

    /** The secret of the service client {@code booking} (scopes audit.write, booking.read). */
    public static final String BOOKING_SECRET = "booking-secret-for-tests-0123456789abcdef";

    /** The secret of the service client {@code notifier}, registered by its SHA-256 only (scope audit.write). */
    public static final String NOTIFIER_SECRET = "notifier-secret-for-tests-0123456789abcdef";

    /** SHA-256 of {@link #NOTIFIER_SECRET}, hex. */
    public static final String NOTIFIER_SECRET_SHA256 =
            "0b364848eed23de3d26dc81bb678c3a3c5b0408edcfde3b07fb66251db4c29e6";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected AccessTokenIssuer accessTokenIssuer;

    /** What the services recorded in the audit trail, kept once their transactions committed. */
    @Autowired
    protected RecordingAuditTrail audit;

    /** This test's client address, from the benchmarking range 198.18.0.0/15 (RFC 2544). */
    protected final String clientIp = nextClientIp();

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private static String nextClientIp() {
        var n = CLIENTS.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    /** An HTTP answer with its body parsed as JSON when there is one. */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text(String field) {
            var node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        /** Asserts an RFC 9457 problem with this status and type slug. */
        public Response assertProblem(int expectedStatus, String slug) {
            assertThat(status).as(raw.body()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(text("type")).isEqualTo("urn:polyclinic:problem:" + slug);
            assertThat(body.get("status").asInt()).isEqualTo(expectedStatus);
            return this;
        }
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientIp)
                .header("User-Agent", "IdentityApiTest/1.0");
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var body = response.body() == null || response.body().isBlank()
                    ? JSON.nullNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Response postJson(String path, String json, String token) {
        var request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected Response postJson(String path, Object body) {
        return postJson(path, JSON.writeValueAsString(body), null);
    }

    protected Response get(String path, String token) {
        var request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected Response post(String path, String token) {
        var request = request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected Response delete(String path, String token) {
        var request = request(path).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected Response putJson(String path, String json, String token) {
        var request =
                request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A unique email for a new account. */
    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** Registers a patient and answers its id. */
    protected UUID register(String email) {
        var response = postJson(
                "/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "fullName", "Test User"));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    /** Logs in and answers the token response. */
    protected Response login(String email, String password) {
        return postJson("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    /** Registers a patient and logs it in; answers the token response. */
    protected Response registerAndLogin(String email) {
        register(email);
        var response = login(email, PASSWORD);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response;
    }

    protected Response refresh(String refreshToken) {
        return postJson("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    /** An access token of the bootstrap administrator, issued directly (no login, so no rate limit). */
    protected String rootToken() {
        var id = jdbc.sql("select id from users where email = :email")
                .param("email", ROOT_EMAIL)
                .query(UUID.class)
                .single();
        return accessTokenIssuer
                .issue(id, ROOT_EMAIL, List.of("PATIENT", "ADMIN"), Ids.newId())
                .value();
    }
}
