package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's edge over real HTTP: whom it believes about the client's address and protocol, what the actuator
 * and API documents show to whom, how requests refused by the server itself are answered, and Server-Sent Events
 * streams that outlive the request timeout.
 *
 * <p>Only 127.0.0.1 is a trusted proxy here; a second client connects from 127.0.0.2, another loopback address,
 * to play a peer that is not.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.web.trusted-proxies=127.0.0.1",
            "polyclinic.http.request-timeout=4s",
            "polyclinic.web.sse.heartbeat=300ms"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class PlatformEdgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();
    private static final HttpClient FROM_TRUSTED_PROXY = client("127.0.0.1");
    private static final HttpClient FROM_UNTRUSTED_PEER = client("127.0.0.2");

    @LocalServerPort
    int port;

    private static HttpClient client(String localAddress) {
        try {
            return HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(localAddress))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One ordinary request first, so that the short request timeout of this test times the streams and not the lazy
     * start of the server on a busy machine.
     */
    @org.junit.jupiter.api.BeforeEach
    void warmUp() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            if (send(FROM_TRUSTED_PROXY, request("/public/hello")).statusCode() == 200) {
                return;
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode clientSeen(HttpClient client, String... headers) throws Exception {
        var request = request("/public/client");
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = send(client, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asString()).startsWith("urn:polyclinic:problem:");
        assertThat(body.get("traceId").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
        return body;
    }

    // ---- trusted proxies ----

    @Test
    void aForwardedClientAddressFromATrustedProxyBecomesTheClientAddress() throws Exception {
        var seen = clientSeen(FROM_TRUSTED_PROXY, "X-Forwarded-For", "203.0.113.7");

        assertThat(seen.get("remoteAddr").asString()).isEqualTo("203.0.113.7");
        assertThat(seen.get("auditIp").asString()).isEqualTo("203.0.113.7");
    }

    @Test
    void aForgedClientAddressFromAnUntrustedPeerIsIgnored() throws Exception {
        var seen = clientSeen(FROM_UNTRUSTED_PEER, "X-Forwarded-For", "203.0.113.7");

        assertThat(seen.get("remoteAddr").asString()).isEqualTo("127.0.0.2");
        assertThat(seen.get("auditIp").asString()).isEqualTo("127.0.0.2");
    }

    @Test
    void theChainIsWalkedFromTheRightSoAForgedLeftmostEntryIsIgnored() throws Exception {
        // The client forged 6.6.6.6; the load balancer (trusted, 127.0.0.1) appended the address it saw.
        var seen = clientSeen(FROM_TRUSTED_PROXY, "X-Forwarded-For", "6.6.6.6, 198.51.100.4, 127.0.0.1");

        assertThat(seen.get("remoteAddr").asString()).isEqualTo("198.51.100.4");
    }

    @Test
    void hstsIsSentOnlyForHttpsReportedByATrustedProxy() throws Exception {
        var forwardedHttps = send(FROM_TRUSTED_PROXY, request("/public/client").header("X-Forwarded-Proto", "https"));
        var forgedHttps = send(FROM_UNTRUSTED_PEER, request("/public/client").header("X-Forwarded-Proto", "https"));
        var plainHttp = send(FROM_TRUSTED_PROXY, request("/public/client"));

        assertThat(forwardedHttps.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).contains("max-age="));
        assertThat(JSON.readTree(forwardedHttps.body()).get("secure").asBoolean())
                .isTrue();
        assertThat(forgedHttps.headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
        assertThat(JSON.readTree(forgedHttps.body()).get("scheme").asString()).isEqualTo("http");
        assertThat(plainHttp.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    // ---- actuator and API documents ----

    @Test
    void healthIsOpenButMetricsAndOtherActuatorEndpointsNeedAnAdmin() throws Exception {
        assertThat(send(FROM_TRUSTED_PROXY, request("/actuator/health/readiness"))
                        .statusCode())
                .isEqualTo(200);
        problem(send(FROM_TRUSTED_PROXY, request("/actuator/prometheus")), 401);
        problem(send(FROM_TRUSTED_PROXY, request("/actuator/env")), 401);
        var patient = "Bearer " + ISSUER.token(UUID.randomUUID(), "pat@example.com", "PATIENT");
        problem(send(FROM_TRUSTED_PROXY, request("/actuator/prometheus").header("Authorization", patient)), 403);
        var admin = "Bearer " + ISSUER.token(UUID.randomUUID(), "admin@example.com", "ADMIN");

        var metrics = send(FROM_TRUSTED_PROXY, request("/actuator/prometheus").header("Authorization", admin));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void apiDocumentsAndSwaggerUiAreNotServedUnlessEnabled() throws Exception {
        var admin = "Bearer " + ISSUER.token(UUID.randomUUID(), "admin@example.com", "ADMIN");

        assertThat(send(FROM_TRUSTED_PROXY, request("/v3/api-docs")).statusCode())
                .isIn(401, 404);
        problem(send(FROM_TRUSTED_PROXY, request("/v3/api-docs").header("Authorization", admin)), 404);
        problem(send(FROM_TRUSTED_PROXY, request("/swagger-ui.html").header("Authorization", admin)), 404);
    }

    // ---- requests the server refuses itself ----

    @Test
    void anEncodedSlashInThePathIsA400Problem() throws Exception {
        var body = problem(send(FROM_TRUSTED_PROXY, request("/api/v1/doctors%2F..")), 400);

        assertThat(body.get("instance").asString()).isEqualTo("/");
    }

    @Test
    void aHeaderOfTwentyKilobytesIsA400Problem() throws Exception {
        problem(send(FROM_TRUSTED_PROXY, request("/public/hello").header("X-Padding", "a".repeat(20_000))), 400);
    }

    @Test
    void thousandsOfParametersAreA400Problem() throws Exception {
        var query = IntStream.range(0, 1500).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));

        problem(send(FROM_TRUSTED_PROXY, request("/public/stream?count=1&intervalMs=1&" + query)), 400);
    }

    @Test
    void aPathTheSecurityFirewallRefusesIsA400Problem() throws Exception {
        var body = problem(send(FROM_TRUSTED_PROXY, request("/public/hello;jsessionid=abc")), 400);

        assertThat(body.get("requestId").asString()).isNotBlank();
    }

    // ---- Server-Sent Events ----

    @Test
    void anEventStreamOutlivesTheRequestTimeoutWithHeartbeatsAndEndsCleanly() throws Exception {
        long start = System.nanoTime();
        var response = FROM_TRUSTED_PROXY.send(
                request("/public/stream?count=6&intervalMs=1000")
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        // 6 s of streaming against a 4 s request timeout: every event arrived and the stream ended by itself.
        assertThat(elapsedMs).isGreaterThan(4_000);
        assertThat(lines).containsSubsequence("event:tick", "data:1", "event:tick", "data:6");
        assertThat(lines)
                .as(lines.toString())
                .filteredOn(line -> line.startsWith(":"))
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(lines).noneMatch(line -> line.contains("request-timeout"));
    }
}
