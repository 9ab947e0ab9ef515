package io.polyclinic.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.web.sse.EventStreams;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A Server-Sent Events stream through the gateway from a real service on the platform starter: it runs longer than
 * the gateway's request timeout, its route's read timeout and the service's own request timeout (all 2 s here),
 * and its events reach the client as they are produced, not buffered until the end; the service's heartbeats pass
 * the gateway too, and keep a quiet stream open past the gateway's stream idle timeout (1.5 s here), which does cut
 * a quiet stream without heartbeats.
 *
 * <p>The gateway is named in {@code classes}: without it Spring's test context would pick the nested
 * {@code @Configuration} {@link StreamingService} as the application under test, and every request "through the
 * gateway" would be served by a second copy of the service instead.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.http.request-timeout=2s",
            "polyclinic.gateway.booking-timeouts.read=2s",
            "polyclinic.gateway.booking-timeouts.stream-idle=" + GatewayEventStreamTest.STREAM_IDLE_MS + "ms"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class GatewayEventStreamTest {

    /** Events the service sends, one every {@link #INTERVAL}: 5 s in all. */
    static final int EVENTS = 5;

    static final Duration INTERVAL = Duration.ofMillis(1000);

    /** The gateway's stream idle timeout in this test: the longest silence it allows between two reads. */
    static final long STREAM_IDLE_MS = 1500;

    /** The silence between the two events of the quiet streams: longer than every timeout of the gateway. */
    static final Duration QUIET = Duration.ofMillis(4000);

    static final ConfigurableApplicationContext SERVICE = new SpringApplicationBuilder(StreamingService.class)
            .initializers(new TestJwtIssuer.Initializer())
            .properties(
                    "server.port=0",
                    "spring.application.name=streaming-service",
                    "polyclinic.http.request-timeout=2s",
                    "polyclinic.web.sse.heartbeat=250ms",
                    "spring.cloud.gateway.server.webmvc.enabled=false",
                    "spring.autoconfigure.exclude="
                            + "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration,"
                            + "org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration,"
                            + "org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration,"
                            + "org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration")
            .run();

    static final StubService IDENTITY = new StubService("identity");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.gateway.identity-uri", IDENTITY::uri);
        registry.add(
                "polyclinic.gateway.booking-uri",
                () -> "http://127.0.0.1:" + SERVICE.getEnvironment().getProperty("local.server.port"));
        registry.add("polyclinic.gateway.audit-uri", IDENTITY::uri);
    }

    @AfterAll
    static void stopService() {
        SERVICE.close();
    }

    @LocalServerPort
    int port;

    /** One line of the stream and when it arrived, in milliseconds after the request was sent. */
    record Arrival(String line, long atMs) {}

    /**
     * One ordinary request through the gateway to the service first, so that the short timeouts of this test time the
     * stream and not the lazy start of both servers on a busy machine.
     */
    @BeforeEach
    void warmUp() throws Exception {
        var client = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 10; attempt++) {
            var response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/doctors/none"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 500) {
                return;
            }
        }
    }

    /** Sends one request through the gateway and collects the stream's lines as they arrive, until it ends. */
    private List<Arrival> streamThroughTheGateway(String path) throws IOException, InterruptedException {
        var client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        var response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        var arrivals = new ArrayList<Arrival>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                arrivals.add(new Arrival(line, (System.nanoTime() - start) / 1_000_000));
            }
        } catch (IOException cut) {
            // The stream was cut (no terminating chunk): what arrived until then is the result.
        }
        return arrivals;
    }

    @Test
    void heartbeatsPassTheGatewayAndKeepAQuietStreamOpenPastItsStreamIdleTimeout() throws Exception {
        var arrivals = streamThroughTheGateway("/api/v1/doctors/quiet");
        var lines = arrivals.stream().map(Arrival::line).toList();

        // The stream outlived the quiet period: both events arrived, and it ended cleanly, not cut.
        assertThat(lines).as(lines.toString()).containsSubsequence("event:tick", "data:1", "event:tick", "data:2");
        long first = firstAt(arrivals, "data:1");
        long second = firstAt(arrivals, "data:2");
        assertThat(second - first).isGreaterThan(STREAM_IDLE_MS + 1_000);
        // Heartbeats arrived through the gateway during the silence (one every 250 ms: about 16 in 4 s; a busy
        // machine may delay some).
        assertThat(arrivals)
                .as(arrivals.toString())
                .filteredOn(a -> a.line().startsWith(":") && a.atMs() > first && a.atMs() < second)
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aQuietStreamWithoutHeartbeatsIsCutByTheGatewaysStreamIdleTimeout(CapturedOutput output) throws Exception {
        var arrivals = streamThroughTheGateway("/api/v1/doctors/silent");
        var lines = arrivals.stream().map(Arrival::line).toList();

        // The first event came; the gateway gave up on the silence that followed, long before the second event.
        assertThat(lines).as(lines.toString()).contains("data:1").doesNotContain("data:2");
        assertThat(arrivals.getLast().atMs() - firstAt(arrivals, "data:1")).isLessThan(QUIET.toMillis());
        // One line says so; no error with a stack trace for a stream that ended as configured.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut()).contains("ended at the gateway"));
        assertThat(output.getOut()).doesNotContain("Unexpected error");
    }

    @Test
    void anEventStreamPassesTheGatewayLongerThanEveryTimeoutWithEventsAsTheyAreProduced() throws Exception {
        var arrivals = streamThroughTheGateway("/api/v1/doctors/live");
        var lines = arrivals.stream().map(Arrival::line).toList();
        long end = arrivals.getLast().atMs();

        assertThat(lines)
                .as(lines.toString())
                .containsSubsequence("event:tick", "data:1", "event:tick", "data:" + EVENTS)
                .noneMatch(line -> line.contains("timeout"));
        // Longer than every timeout (2 s), and not buffered: the first event came long before the end, as it was sent.
        assertThat(end).isGreaterThan(3_000);
        assertThat(firstAt(arrivals, "data:1")).isLessThan(end - 2_500);
    }

    @Test
    void theServiceBehindTheGatewaySendsAHeartbeatEveryQuarterSecond() throws Exception {
        var port = SERVICE.getEnvironment().getProperty("local.server.port");
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/doctors/live"))
                                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }

        // 5 s of stream with a 250 ms heartbeat: about 20 comment lines; a busy machine may delay some.
        assertThat(lines)
                .as(lines.toString())
                .filteredOn(line -> line.startsWith(":"))
                .hasSizeGreaterThanOrEqualTo(5);
    }

    private static long firstAt(List<Arrival> arrivals, String prefix) {
        return arrivals.stream()
                .filter(a -> a.line().startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .atMs();
    }

    /** A service on the platform starter with one public event stream. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(StreamingService.LiveController.class)
    static class StreamingService {

        @Bean
        AuthorizationRules openStream() {
            return registry -> registry.requestMatchers(
                            HttpMethod.GET, "/api/v1/doctors/live", "/api/v1/doctors/quiet", "/api/v1/doctors/silent")
                    .permitAll();
        }

        @RestController
        static class LiveController {

            private final EventStreams eventStreams;

            LiveController(EventStreams eventStreams) {
                this.eventStreams = eventStreams;
            }

            @GetMapping(path = "/api/v1/doctors/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
            SseEmitter live() {
                var stream = eventStreams.open();
                Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 1; i <= EVENTS; i++) {
                            Thread.sleep(INTERVAL);
                            stream.send(SseEmitter.event().name("tick").data(Integer.toString(i)));
                        }
                        stream.complete();
                    } catch (InterruptedException | IOException | IllegalStateException ended) {
                        // The client went away: the stream is over.
                    }
                });
                return stream;
            }

            /** One event, {@link #QUIET} of silence but for the heartbeats, one more event. */
            @GetMapping(path = "/api/v1/doctors/quiet", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
            SseEmitter quiet() {
                return twoEventsApart(eventStreams.open());
            }

            /** The same without heartbeats: an emitter of its own, not from {@link EventStreams}. */
            @GetMapping(path = "/api/v1/doctors/silent", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
            SseEmitter silent() {
                return twoEventsApart(new SseEmitter(0L));
            }

            private static SseEmitter twoEventsApart(SseEmitter stream) {
                Thread.ofVirtual().start(() -> {
                    try {
                        stream.send(SseEmitter.event().name("tick").data("1"));
                        Thread.sleep(QUIET);
                        stream.send(SseEmitter.event().name("tick").data("2"));
                        stream.complete();
                    } catch (InterruptedException | IOException | IllegalStateException ended) {
                        // The client (the gateway) went away: the stream is over.
                    }
                });
                return stream;
            }
        }
    }
}
