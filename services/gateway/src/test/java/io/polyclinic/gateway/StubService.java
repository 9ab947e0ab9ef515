package io.polyclinic.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 standing in for identity or booking: it records every request and answers
 * 200 with a JSON echo of the path and headers it received. A path ending in {@code /slow} answers after 8 s, one
 * ending in {@code /cookie} sets a cookie, one ending in {@code /unavailable} answers 503 with {@code Retry-After}.
 * Every response carries its own {@code Access-Control-Allow-Origin: *} and echoes {@code X-Request-Id}, which the
 * gateway must not pass on a second time.
 */
final class StubService {

    /**
     * One request as the service saw it; header names are lower-case; {@code clientPort} is the local port of the
     * caller's TCP connection (the same port for requests on one kept-alive connection).
     */
    record Received(String method, String path, String query, Map<String, List<String>> headers, int clientPort) {
        String header(String name) {
            var values = headers.get(name.toLowerCase());
            return values == null ? null : values.getFirst();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    /** The last request this service received with the given {@code X-Request-Id}, or {@code null}. */
    Received byRequestId(String requestId) {
        return received.stream()
                .filter(r -> requestId.equals(r.header("X-Request-Id")))
                .reduce((first, second) -> second)
                .orElse(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        var headers = new TreeMap<String, List<String>>();
        exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(), List.copyOf(values)));
        var uri = exchange.getRequestURI();
        var request = new Received(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                uri.getRawQuery(),
                headers,
                exchange.getRemoteAddress().getPort());
        received.add(request);
        exchange.getRequestBody().readAllBytes();
        if (uri.getPath().endsWith("/slow")) {
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var body = JSON.writeValueAsString(Map.of("service", name, "path", uri.getRawPath()))
                .getBytes(StandardCharsets.UTF_8);
        int status = 200;
        if (uri.getPath().endsWith("/cookie")) {
            exchange.getResponseHeaders().set("Set-Cookie", "stub-session=" + name + "; Path=/");
        }
        if (uri.getPath().endsWith("/unavailable")) {
            status = 503;
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (request.header("X-Request-Id") != null) {
            exchange.getResponseHeaders().set("X-Request-Id", request.header("X-Request-Id"));
        }
        try {
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // The gateway gave up waiting (read timeout); nothing left to answer.
        }
    }
}
