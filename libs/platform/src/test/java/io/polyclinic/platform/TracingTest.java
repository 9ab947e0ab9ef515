package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service traces its requests (decision 0022): a caller's W3C {@code traceparent} is continued, a request
 * without one starts a trace, and problem bodies name the trace so a user's report leads to it. One trace in ten is
 * sampled by default (decision 0031); an unsampled trace is still continued and named.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class TracingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";
    private static final String UNSAMPLED_TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-00";

    @Autowired
    Sampler sampler;

    @Autowired
    ObservationRegistry observations;

    @LocalServerPort
    int port;

    private JsonNode get(String path, int expectedStatus, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void aProblemNamesTheCallersTraceWhenOneWasPropagated() throws Exception {
        var problem = get("/things/42", 401, "traceparent", TRACEPARENT, "X-Request-Id", "traced-request");

        assertThat(problem.get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(problem.get("requestId").asString()).isEqualTo("traced-request");
    }

    @Test
    void aRequestWithoutTraceparentStartsItsOwnTraceAndItsProblemNamesIt() throws Exception {
        var problem = get("/things/42", 401, "X-Request-Id", "untraced-request");

        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        assertThat(problem.get("requestId").asString()).isEqualTo("untraced-request");
    }

    @Test
    void aProblemFromTheContainersErrorPageNamesTheCallersTraceToo() throws Exception {
        var problem = get("/public/container-error", 409, "traceparent", TRACEPARENT);

        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:conflict");
        assertThat(problem.get("traceId").asString()).isEqualTo(TRACE_ID);
    }

    @Test
    void codeServingARequestRunsInASpanOfTheCallersTrace() throws Exception {
        var context = get("/public/trace-context", 200, "traceparent", TRACEPARENT);

        assertThat(context.get("traceId").asString()).isEqualTo(TRACE_ID);
        var traceparent = context.get("traceparent").asString();
        assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        // The server's own span, a child of the caller's.
        assertThat(traceparent).doesNotContain(CALLER_SPAN_ID);
    }

    @Test
    void aMalformedTraceparentIsIgnoredAndANewTraceStarted() throws Exception {
        var context = get("/public/trace-context", 200, "traceparent", "00-not-a-trace-01");

        assertThat(context.get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void oneTraceInTenIsSampledByDefaultAndACallersDecisionIsFollowed() {
        assertThat(sampler.getDescription())
                .isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.1)).getDescription());
    }

    @Test
    void anUnsampledTraceIsStillContinuedAndNamedInProblems() throws Exception {
        var context = get("/public/trace-context", 200, "traceparent", UNSAMPLED_TRACEPARENT);
        var problem = get("/things/42", 401, "traceparent", UNSAMPLED_TRACEPARENT);

        assertThat(context.get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(context.get("traceparent").asString()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-00");
        assertThat(problem.get("traceId").asString()).isEqualTo(TRACE_ID);
    }

    @Test
    void springSecurityIsNotObservedApartFromTheRequestItself() {
        var security = Observation.start("spring.security.filterchains", observations);
        var request = Observation.start("http.server.requests", observations);
        security.stop();
        request.stop();

        assertThat(security.isNoop()).isTrue();
        assertThat(request.isNoop()).isFalse();
    }
}
