package io.polyclinic.web.analytics;

import io.polyclinic.platform.web.sse.EventStreams;
import io.polyclinic.web.api.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays a site's live stream to the browser (decision 0058): the browser's {@code EventSource} opens a stream of the
 * web service, which opens the analytics service's stream through the gateway with the person's access token and
 * passes each {@code realtime} event on unchanged (its data is the API's JSON). The browser never holds a token and
 * talks only to this site, so the page's Content Security Policy stays {@code 'self'}.
 *
 * <p>When the API refuses the stream (401, 403, 404, 503), the browser gets one {@code problem} event with the status
 * and the stream ends; when the upstream stream ends (a restart of the analytics service), the browser's stream ends
 * and {@code EventSource} reconnects after {@link #RECONNECT}, with a fresh token. When the browser goes away, the
 * heartbeat write fails and the upstream stream is closed. Heartbeats come from {@link EventStreams}; the upstream's
 * comment lines are dropped.
 */
public class LiveStreamRelay {

    /** How long the browser waits before it reconnects after the stream ended. */
    static final Duration RECONNECT = Duration.ofSeconds(3);

    /** The event names passed on; anything else from upstream is dropped. */
    private static final Set<String> RELAYED = Set.of("realtime");

    /** Headers the JDK's HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** The longest event data passed on (a snapshot is about 3 KB). */
    private static final int MAX_DATA = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LiveStreamRelay.class);

    private final URI apiUri;
    private final ApiClient api;
    private final EventStreams streams;
    private final HttpClient http;

    /**
     * @param apiUri the gateway's base URI
     * @param connectTimeout how long opening the upstream connection may take
     */
    public LiveStreamRelay(URI apiUri, Duration connectTimeout, ApiClient api, EventStreams streams) {
        this.apiUri = apiUri;
        this.api = api;
        this.streams = streams;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** Opens the browser's stream of {@code siteId}'s live figures; call on the request's thread (it reads the token). */
    public SseEmitter open(UUID siteId) {
        var headers = api.currentHeaders();
        headers.set(HttpHeaders.ACCEPT, "text/event-stream");
        var request = HttpRequest.newBuilder(apiUri.resolve("/api/v1/analytics/realtime/stream?siteId=" + siteId))
                .GET();
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        var emitter = streams.open();
        var upstream = new AtomicReference<InputStream>();
        Runnable close = () -> closeQuietly(upstream.getAndSet(null));
        emitter.onCompletion(close);
        emitter.onError(error -> close.run());
        Thread.ofVirtual().name("live-relay-" + siteId).start(() -> relay(request.build(), emitter, upstream));
        return emitter;
    }

    private void relay(HttpRequest request, SseEmitter emitter, AtomicReference<InputStream> upstream) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                closeQuietly(response.body());
                emitter.send(SseEmitter.event().name("problem").data(Integer.toString(response.statusCode())));
                emitter.complete();
                return;
            }
            upstream.set(response.body());
            copyEvents(response.body(), emitter);
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT.toMillis()).comment("upstream ended"));
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the browser went away, or the gateway could not be reached: the stream ends, EventSource reconnects
            log.debug("Live stream relay ended: {}", e.toString());
            emitter.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } finally {
            closeQuietly(upstream.getAndSet(null));
        }
    }

    /** Reads Server-Sent Events (name and data lines, a blank line ends one) and sends the relayed ones on. */
    static void copyEvents(InputStream in, SseEmitter emitter) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String name = "message";
        var data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (!data.isEmpty() && RELAYED.contains(name)) {
                    emitter.send(SseEmitter.event().name(name).data(data.toString()));
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && data.length() < MAX_DATA) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            log.debug("Closing the upstream live stream: {}", e.toString());
        }
    }
}
