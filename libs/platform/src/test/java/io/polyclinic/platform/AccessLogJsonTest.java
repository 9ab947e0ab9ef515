package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With JSON logs on (ECS, for ELK), every request still yields one access-log object with its fields,
 * including the trace and span it belongs to. */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class AccessLogJsonTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @LocalServerPort
    int port;

    @Test
    void eachRequestIsOneEcsJsonLineWithMethodPathStatusDurationAndRequestId(CapturedOutput output) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/hello"))
                                .header("X-Request-Id", "json-log-check")
                                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        var json = JsonMapper.builder().build();
        var line = output.getOut()
                .lines()
                .filter(l -> l.startsWith("{") && l.contains("polyclinic.access") && l.contains("json-log-check"))
                .findFirst();
        assertThat(line).as(output.getOut()).isPresent();
        JsonNode entry = json.readTree(line.get());
        assertThat(entry.get("log").get("logger").asString()).isEqualTo("polyclinic.access");
        assertThat(entry.get("requestId").asString()).isEqualTo("json-log-check");
        assertThat(entry.get("method").asString()).isEqualTo("GET");
        assertThat(entry.get("path").asString()).isEqualTo("/public/hello");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("durationMs").isNumber()).isTrue();
        assertThat(entry.get("userId").asString()).isEqualTo("-");
        assertThat(entry.get("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(entry.get("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(output.getAll()).doesNotContain("failed to append");
    }
}
