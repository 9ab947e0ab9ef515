package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dev stack's gateway as an API client sees it: JSON bodies, an optional bearer token, and every answer
 * carrying an {@code X-Request-Id}.
 */
final class GatewayClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Duration timeout;

    /**
     * @param baseUrl the gateway, e.g. {@code http://localhost:8080}
     * @param timeout how long one request may take
     */
    GatewayClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** A request to {@code path} with the token, if any. */
    HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** POSTs {@code body} as JSON, or nothing when it is {@code null}. */
    HttpResponse<String> post(String path, String token, String body) {
        var builder = request(path, token);
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(builder);
    }

    /** Sends the request and checks that the answer names its request id. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs an audit chain verification as the admin: starts the job, polls it until it is not RUNNING (at most a
     * minute) and returns its final state.
     */
    JsonNode verifyAuditChain(String adminToken) {
        var started = post("/api/v1/audit/verifications", adminToken, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var location = started.headers().firstValue("Location").orElseThrow();
        var deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            var job = json(get(location, adminToken));
            if (!job.get("status").asString().equals("RUNNING")) {
                return job;
            }
            assertThat(System.nanoTime())
                    .as("verification still running: %s", job)
                    .isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
