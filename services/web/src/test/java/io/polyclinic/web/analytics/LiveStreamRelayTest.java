package io.polyclinic.web.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.sun.net.httpserver.HttpServer;
import io.polyclinic.platform.web.sse.EventStreams;
import io.polyclinic.web.api.ApiClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay of a site's live stream against a stand-in for the gateway (a real HTTP server answering Server-Sent
 * Events): the browser's stream gets the upstream's {@code realtime} events unchanged and nothing else, the upstream
 * call carries the person's token, and a refused upstream stream becomes one {@code problem} event.
 */
class LiveStreamRelayTest {

    private static final String SNAPSHOT = "{\"siteId\":\"x\",\"visitors\":3,\"topPages\":[{\"path\":\"/a\"}]}";

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private volatile int status = 200;
    private HttpServer gateway;
    private EventStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/api/v1/analytics/realtime/stream", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var body = "event:realtime\ndata:" + SNAPSHOT + "\n\n:heartbeat\n\nevent:other\ndata:dropped\n\n";
            exchange.getResponseBody().write(body.getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        gateway.start();
        streams = new EventStreams(Duration.ofSeconds(15));
        streams.start();
        var api = new ApiClient(
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                RestClient.builder(),
                JsonMapper.builder().build());
        var relay = new LiveStreamRelay(
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), Duration.ofSeconds(2), api, streams);
        mvc = MockMvcBuilders.standaloneSetup(new StreamController(relay)).build();
    }

    @AfterEach
    void stop() {
        streams.stop();
        gateway.stop(0);
    }

    @RestController
    static class StreamController {
        private final LiveStreamRelay relay;

        StreamController(LiveStreamRelay relay) {
            this.relay = relay;
        }

        @GetMapping(path = "/live/{id}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        SseEmitter live(@PathVariable UUID id) {
            return relay.open(id);
        }
    }

    private String streamOf(UUID site) throws Exception {
        MvcResult result = mvc.perform(get("/live/" + site)
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .requestAttr(ApiClient.ACCESS_TOKEN_ATTRIBUTE, "the-token"))
                .andReturn();
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var body = result.getResponse().getContentAsString();
        while (!body.contains("upstream ended") && !body.contains("problem") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = result.getResponse().getContentAsString();
        }
        return body;
    }

    @Test
    void theUpstreamsRealtimeEventsReachTheBrowserUnchangedWithTheTokenUpstream() throws Exception {
        var body = streamOf(UUID.randomUUID());
        assertThat(body).contains("event:realtime\ndata:" + SNAPSHOT + "\n\n").doesNotContain("dropped");
        assertThat(authorization.get()).isEqualTo("Bearer the-token");
        assertThat(accept.get()).isEqualTo("text/event-stream");
        assertThat(body).as("the browser reconnects after the end").contains("retry:3000");
    }

    @Test
    void aRefusedUpstreamStreamIsOneProblemEvent() throws Exception {
        status = 404;
        assertThat(streamOf(UUID.randomUUID()))
                .contains("event:problem\ndata:404\n\n")
                .doesNotContain("realtime");
    }
}
