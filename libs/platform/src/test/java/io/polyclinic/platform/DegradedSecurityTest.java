package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A public-facing service (metrics closed) whose token keys cannot be fetched, as when the identity service is
 * down: requests with a token get a 503 problem, not a 500, and public routes keep working.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"polyclinic.security.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json"})
class DegradedSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unreachableSigningKeysAre503WithRetryAfterNot500() throws Exception {
        var token = TestJwtIssuer.shared().token(UUID.randomUUID(), "p@example.com", "PATIENT");

        var response = get("/things/" + UUID.randomUUID(), token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        var body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo("urn:polyclinic:problem:service-unavailable");
        assertThat(response.body()).doesNotContain("127.0.0.1", "Exception");
        assertThat(get("/public/hello", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreNotPublicByDefault() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }
}
