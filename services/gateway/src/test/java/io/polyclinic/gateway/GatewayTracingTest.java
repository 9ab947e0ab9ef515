package io.polyclinic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace from the client through the gateway to the service (decision 0022): the gateway continues a caller's
 * W3C {@code traceparent} or starts a trace, sends it on from its own client span, and its problems name the trace.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "polyclinic.gateway.booking-timeouts.read=2s")
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class GatewayTracingTest {

    static final StubService IDENTITY = new StubService("identity");
    static final StubService BOOKING = new StubService("booking");

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.gateway.identity-uri", IDENTITY::uri);
        registry.add("polyclinic.gateway.booking-uri", BOOKING::uri);
    }

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
    }

    private static String newRequestId() {
        return "trace-" + UUID.randomUUID();
    }

    /** The trace id of a {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}). */
    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    @Test
    void aCallersTraceContinuesToTheServiceFromTheGatewaysOwnSpan() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/doctors", "traceparent", TRACEPARENT, "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        var forwarded = BOOKING.byRequestId(requestId).header("traceparent");
        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceIdOf(forwarded)).isEqualTo(TRACE_ID);
        // The service's parent is the gateway's client span, not the caller's span passed through untouched.
        assertThat(forwarded).doesNotContain(CALLER_SPAN_ID);
    }

    @Test
    void withoutATraceparentTheGatewayStartsATraceThatTheServiceJoins() {
        var first = newRequestId();
        var second = newRequestId();

        http.get("/api/v1/users/me", "X-Request-Id", first, "Authorization", patientToken());
        http.get("/api/v1/users/me", "X-Request-Id", second, "Authorization", patientToken());

        var firstTrace = IDENTITY.byRequestId(first).header("traceparent");
        var secondTrace = IDENTITY.byRequestId(second).header("traceparent");
        // sampled or not (one trace in ten by default), the trace is passed on
        assertThat(firstTrace).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(traceIdOf(firstTrace)).isNotEqualTo("0".repeat(32)).isNotEqualTo(traceIdOf(secondTrace));
    }

    @Test
    void aProblemAnsweredByTheGatewayNamesTheTraceTheServiceSaw() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/doctors/slow", "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(504);
        var problem = GatewayHttp.json(response);
        var seenByService = BOOKING.byRequestId(requestId).header("traceparent");
        assertThat(problem.get("traceId").asString()).isEqualTo(traceIdOf(seenByService));
    }

    @Test
    void aRequestRefusedAtTheEdgeNamesTheCallersTrace() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/appointments/me", "traceparent", TRACEPARENT, "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(GatewayHttp.json(response).get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(BOOKING.byRequestId(requestId)).isNull();
    }

    private static String patientToken() {
        return "Bearer " + TestJwtIssuer.shared().token(UUID.randomUUID(), "patient@example.com", "PATIENT");
    }
}
