package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint configured, the spans of served requests are sent there over HTTP; a stub collector on a free
 * port receives them. (How {@code OTEL_EXPORTER_OTLP_ENDPOINT} becomes that property: {@code
 * OtlpEndpointEnvironmentPostProcessorTest}.) The context is closed afterwards so that no later test exports to the
 * stopped collector.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.opentelemetry.tracing.export.schedule-delay=100ms",
            // every request's spans, not the default one trace in ten
            "management.tracing.sampling.probability=1.0"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
@DirtiesContext
class OtlpExportTest {

    private static final LinkedBlockingQueue<String> EXPORTS = new LinkedBlockingQueue<>();
    private static final HttpServer COLLECTOR = collector();

    private static HttpServer collector() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                var body = exchange.getRequestBody().readAllBytes();
                EXPORTS.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void collectorEndpoint(DynamicPropertyRegistry registry) {
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void spansOfServedRequestsAreExportedToTheConfiguredCollector() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/hello"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        var export = EXPORTS.poll(20, TimeUnit.SECONDS);
        assertThat(export).isNotNull().startsWith("POST /v1/traces application/x-protobuf");
    }
}
