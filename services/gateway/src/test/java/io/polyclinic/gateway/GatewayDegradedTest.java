package io.polyclinic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway when booking is down, and when a client sends more than its rate limit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.gateway.rate-limit.capacity=3",
            "polyclinic.gateway.rate-limit.period=1h",
            "polyclinic.web.api-docs-enabled=true"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class GatewayDegradedTest {

    static final StubService IDENTITY = new StubService("identity");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.gateway.identity-uri", IDENTITY::uri);
        registry.add("polyclinic.gateway.booking-uri", () -> "http://127.0.0.1:" + closedPort());
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
    }

    @Test
    void aServiceThatIsDownIsA503Problem() {
        var token = "Bearer " + TestJwtIssuer.shared().token(UUID.randomUUID(), "p@example.com", "PATIENT");

        var response = http.get("/api/v1/appointments/me", "Authorization", token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var problem = GatewayHttp.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:service-unavailable");
        assertThat(problem.get("detail").asString()).contains("booking").doesNotContain("127.0.0.1");
        assertThat(problem.get("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void theApiDocsOfAServiceThatIsDownAreA503Problem() {
        var response = http.get("/v3/api-docs/booking");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(GatewayHttp.json(response).get("type").asString())
                .isEqualTo("urn:polyclinic:problem:service-unavailable");
    }

    @Test
    void aClientOverItsLimitGetsA429ProblemWithRetryAfter() {
        var token = "Bearer " + TestJwtIssuer.shared().token(UUID.randomUUID(), "busy@example.com", "PATIENT");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/v1/users/me", "Authorization", token).statusCode())
                    .isEqualTo(200);
        }

        var limited = http.get("/api/v1/users/me", "Authorization", token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(GatewayHttp.json(limited).get("type").asString()).isEqualTo("urn:polyclinic:problem:rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
    }

    @Test
    void anotherClientIsNotLimitedByABusyOne() {
        var busy = "Bearer " + TestJwtIssuer.shared().token(UUID.randomUUID(), "busy@example.com", "PATIENT");
        var calm = "Bearer " + TestJwtIssuer.shared().token(UUID.randomUUID(), "calm@example.com", "PATIENT");
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            status = http.get("/api/v1/users/me", "Authorization", busy).statusCode();
        }
        assertThat(status).isEqualTo(429);

        var response = http.get("/api/v1/users/me", "Authorization", calm);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("2");
    }
}
