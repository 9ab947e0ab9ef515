package io.polyclinic.collector.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.collector.CollectorTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@code tracker.js} as a browser fetches it, and the CORS answers a page on another origin gets. */
class TrackerScriptTest extends CollectorTest {

    @Test
    void theScriptIsServedGzippedUnderTwoKilobytesCacheableWithAnEtag() throws IOException {
        var response = send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tracker.js"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.body().length).isLessThan(2048);
        var text = new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("sendBeacon").contains("keepalive").doesNotContain("document.cookie");
        var etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("public"));

        var again = send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tracker.js"))
                        .header("If-None-Match", etag)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void anyOriginMayPostEventsButNotReadTheActuator() {
        var preflight = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/track"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://some-clinic.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();

        var metrics = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://some-clinic.example")
                .header("Access-Control-Request-Method", "GET")
                .build());
        assertThat(metrics.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
