package io.polyclinic.ingest;

import com.sun.net.httpserver.HttpServer;
import io.polyclinic.testkit.s3.S3ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the ingest service talks to in its tests: the real S3 server (S3Proxy as a child JVM, see
 * {@link S3ServerProcess}) and booking's public clinic catalogue, played by a small HTTP server that answers
 * {@code GET /api/v1/clinics/{id}} for the clinics a test registers with {@link #clinic(String)}.
 */
public final class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Map<UUID, String> CLINICS = new ConcurrentHashMap<>();
    private static HttpServer booking;

    /** Registers a clinic booking knows; returns its id. */
    public static UUID clinic(String name) {
        var id = UUID.randomUUID();
        CLINICS.put(id, name);
        return id;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var s3 = S3ServerProcess.shared();
        TestPropertyValues.of(
                        "polyclinic.ingest.storage.endpoint=" + s3.endpoint(),
                        "polyclinic.ingest.storage.access-key=" + s3.accessKey(),
                        "polyclinic.ingest.storage.secret-key=" + s3.secretKey(),
                        "polyclinic.ingest.booking-uri=http://127.0.0.1:"
                                + booking().getAddress().getPort())
                .applyTo(context);
    }

    private static synchronized HttpServer booking() {
        if (booking == null) {
            try {
                booking = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            booking.createContext("/api/v1/clinics/", exchange -> {
                var path = exchange.getRequestURI().getPath();
                String name = null;
                try {
                    name = CLINICS.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
                } catch (IllegalArgumentException ignored) {
                    // not an id: unknown
                }
                var body = name == null
                        ? "{\"status\":404}"
                        : "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"name\":\"" + name
                                + "\",\"city\":\"Moscow\"}";
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(name == null ? 404 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            booking.start();
        }
        return booking;
    }
}
