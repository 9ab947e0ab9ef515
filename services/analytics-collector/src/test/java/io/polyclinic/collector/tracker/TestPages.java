package io.polyclinic.collector.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A site on its own port (so on another origin than the collector) for the browser tests: {@code /plausible} is
 * {@code browser/plausible.html}, {@code /gpc...} the site page with Global Privacy Control on,
 * {@code /plausible-tracker/...} the vendored npm package (extension-less module
 * imports answered with the {@code .js} file), every other path {@code browser/site.html}; {@code {{NAME}}}
 * placeholders are replaced by the given values.
 */
final class TestPages implements AutoCloseable {

    /** Turns Global Privacy Control on before the tracker runs, as a browser with GPC enabled reports it. */
    static final String GPC =
            "<script>Object.defineProperty(navigator, 'globalPrivacyControl', {value: true});</script>";

    private final HttpServer server;
    private final Map<String, String> values;

    TestPages(Map<String, String> values) {
        this.values = values;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://localhost:<port>}. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.startsWith("/plausible-tracker/")) {
                var file = path.substring("/plausible-tracker/".length());
                body = resource("/plausible-tracker-0.3.9/" + (file.endsWith(".js") ? file : file + ".js"));
                type = "text/javascript";
            } else {
                var page = path.equals("/plausible") ? "/browser/plausible.html" : "/browser/site.html";
                var text = new String(resource(page), StandardCharsets.UTF_8)
                        .replace("{{BEFORE_TRACKER}}", path.startsWith("/gpc") ? GPC : "");
                for (var entry : values.entrySet()) {
                    text = text.replace("{{" + entry.getKey() + "}}", entry.getValue());
                }
                body = text.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = TestPages.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
