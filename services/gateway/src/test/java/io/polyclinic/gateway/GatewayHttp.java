package io.polyclinic.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the gateway under test (JDK client: full control over Origin and other headers). */
final class GatewayHttp {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient client;

    GatewayHttp(int port) {
        this(port, CLIENT);
    }

    private GatewayHttp(int port, HttpClient client) {
        this.port = port;
        this.client = client;
    }

    /** The same calls from another local address, such as 127.0.0.2: a different TCP peer for the gateway. */
    GatewayHttp from(String localAddress) {
        try {
            return new GatewayHttp(
                    port,
                    HttpClient.newBuilder()
                            .localAddress(java.net.InetAddress.getByName(localAddress))
                            .connectTimeout(Duration.ofSeconds(5))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        var request = request(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
