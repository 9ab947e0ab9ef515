package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform starter's promises (S0), checked over real HTTP against a service built on it. */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.http.request-timeout=5s",
            "polyclinic.http.max-body-size=2KB",
            "polyclinic.http.cors-allowed-origins=https://app.example",
            // as on a management port only the scraper reaches, and in the dev stack
            "polyclinic.security.public-metrics=true",
            "polyclinic.web.api-docs-enabled=true"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class PlatformMiddlewareTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();
    private static final UUID USER = UUID.randomUUID();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpRequest.Builder authorized(String path, String... roles) {
        return request(path).header("Authorization", "Bearer " + ISSUER.token(USER, "pat@example.com", roles));
    }

    private HttpRequest.Builder postJson(String path, String body) {
        return authorized(path, "PATIENT")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asString()).startsWith("urn:polyclinic:problem:");
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.get("traceId").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at org.", "java.");
        return body;
    }

    @Test
    void aValidRequestIsServedWithTheCallerResolvedFromTheToken() throws Exception {
        var response = send(
                postJson("/greetings", "{\"name\":\"<script>alert(1)</script>\",\"email\":\"a@b.io\",\"count\":1}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var body = JSON.readTree(response.body());
        assertThat(body.get("by").asString()).isEqualTo(USER.toString());
        assertThat(body.get("name").asString()).isEqualTo("<script>alert(1)</script>");
        assertThat(body.get("roles").get(0).asString()).isEqualTo("PATIENT");
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        var body = problem(send(postJson("/greetings", "{\"name\": ")), 400);
        assertThat(body.get("type").asString()).endsWith("malformed-body");
    }

    @Test
    void invalidFieldsAreListedInErrors() throws Exception {
        var body =
                problem(send(postJson("/greetings", "{\"name\":\"\",\"email\":\"not-an-email\",\"count\":-1}")), 400);
        assertThat(body.get("type").asString()).endsWith("validation-failed");
        var fields = Stream.of("count", "email", "name").toList();
        assertThat(body.get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString())
                        .toList())
                .containsExactlyElementsOf(fields);
    }

    @Test
    void unknownFieldsAndWrongTypesAreRejected() throws Exception {
        var unknown = problem(send(postJson("/greetings", "{\"name\":\"a\",\"count\":1,\"isAdmin\":true}")), 400);
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("isAdmin");
        var wrongType = problem(send(postJson("/greetings", "{\"name\":\"a\",\"count\":\"many\"}")), 400);
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("count");
        var numberAsString = problem(send(postJson("/greetings", "{\"name\":\"a\",\"count\":\"5\"}")), 400);
        assertThat(numberAsString.get("errors").get(0).get("field").asString()).isEqualTo("count");
        var numberForText = problem(send(postJson("/greetings", "{\"name\":42,\"count\":5}")), 400);
        assertThat(numberForText.get("errors").get(0).get("field").asString()).isEqualTo("name");
        problem(send(postJson("/greetings", "{\"name\":\"a\",\"count\":1.5}")), 400);
    }

    @Test
    void aMalformedPathIdIsA400NamingTheParameter() throws Exception {
        var body = problem(send(authorized("/things/not-a-uuid", "PATIENT")), 400);
        assertThat(body.get("detail").asString()).contains("'id'").contains("UUID");
    }

    @Test
    void wrongMediaTypeIs415() throws Exception {
        problem(
                send(authorized("/greetings", "PATIENT")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))),
                415);
    }

    @Test
    void anOversizedBodyIs413WhetherDeclaredOrStreamed() throws Exception {
        var big = "{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}";
        problem(send(postJson("/greetings", big)), 413);
        var streamed = authorized("/greetings", "PATIENT")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())));
        problem(send(streamed), 413);
    }

    @Test
    void aMalformedMultipartBodyIs400() throws Exception {
        var body = problem(
                send(authorized("/greetings", "PATIENT")
                        .header("Content-Type", "multipart/form-data; boundary=xyz")
                        // a part that starts and never ends
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-end"))),
                400);
        assertThat(body.get("type").asString()).endsWith("malformed-body");
    }

    @Test
    void unknownRouteIs404() throws Exception {
        var body = problem(send(authorized("/no/such/route", "PATIENT")), 404);
        assertThat(body.get("instance").asString()).isEqualTo("/no/such/route");
    }

    @Test
    void domainExceptionsKeepTheirStatusAndType() throws Exception {
        var conflict = problem(send(authorized("/conflict", "PATIENT")), 409);
        assertThat(conflict.get("type").asString()).isEqualTo("urn:polyclinic:problem:slot-already-booked");
        assertThat(conflict.get("detail").asString()).isEqualTo("Slot 42 is taken.");
        problem(send(authorized("/rule", "PATIENT")), 422);
        var limited = send(authorized("/limited", "PATIENT"));
        problem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("42");
    }

    @Test
    void anUnexpectedExceptionIsAnOpaque500AndTheServerLives() throws Exception {
        var body = problem(send(authorized("/boom", "PATIENT")), 500);
        assertThat(body.toString()).doesNotContain("secret", "IllegalState");
        assertThat(send(request("/public/hello")).statusCode()).isEqualTo(200);
    }

    @Test
    void textTheDatabaseCannotStoreIsA400NotA500() throws Exception {
        var body = problem(send(authorized("/unstorable", "PATIENT")), 400);
        assertThat(body.get("type").asString()).endsWith("invalid-characters");
        assertThat(body.toString()).doesNotContain("Zero bytes");
    }

    @Test
    void aRequestPastItsTimeoutIsCancelledWith503() throws Exception {
        long start = System.nanoTime();
        var body = problem(send(authorized("/slow", "PATIENT")), 503);
        assertThat(body.get("type").asString()).endsWith("request-timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        assertThat(send(request("/public/hello")).statusCode()).isEqualTo(200);
    }

    @Test
    void missingExpiredForgedOrForeignTokensAre401() throws Exception {
        var none = problem(send(request("/greetings").GET()), 401);
        assertThat(none.get("type").asString()).endsWith("unauthorized");
        for (var token : new String[] {
            ISSUER.expiredToken(USER, "PATIENT"),
            ISSUER.forgedToken(USER, "ADMIN"),
            ISSUER.tokenForAudience("someone-else", USER, "ADMIN"),
            "not.a.jwt"
        }) {
            var response = send(request("/admin-only").header("Authorization", "Bearer " + token));
            var body = problem(response, 401);
            assertThat(body.get("type").asString()).endsWith("invalid-token");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void aMissingRoleIs403AndTheRightRolePasses() throws Exception {
        problem(send(authorized("/admin-only", "PATIENT")), 403);
        assertThat(send(authorized("/admin-only", "ADMIN")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWellFormedRequestIdIsEchoedAndABadOneReplaced() throws Exception {
        var kept = send(request("/public/hello").header("X-Request-Id", "abc-123"));
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        var replaced = send(request("/public/hello").header("X-Request-Id", "x".repeat(300)));
        assertThat(replaced.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(36));
        var problem = problem(send(request("/greetings").header("X-Request-Id", "trace-me")), 401);
        assertThat(problem.get("requestId").asString()).isEqualTo("trace-me");
    }

    @Test
    void healthIsOpenForProbesAndMetricsAndApiDocsForScrapersWhenTurnedOn() throws Exception {
        assertThat(send(request("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        var metrics = send(request("/actuator/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(send(request("/v3/api-docs")).statusCode()).isEqualTo(200);
    }

    @Test
    void corsPreflightIsAllowedOnlyForListedOrigins() throws Exception {
        var allowed = send(request("/greetings")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        var refused = send(request("/greetings")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
