package io.polyclinic.booking.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped in the {@code com.github.codemonstur:embedded-redis} jar) on a free
 * loopback port, one per test JVM, configured as production runs it ({@code maxmemory-policy volatile-lru}); as an
 * initializer it points the context at it with {@code spring.data.redis.url}.
 */
public class EmbeddedRedis implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static RedisServer server;
    private static int port;

    /** Starts the server once per JVM. */
    public static synchronized int port() {
        if (server == null) {
            try (var probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("maxmemory 64mb")
                        .setting("maxmemory-policy volatile-lru")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stop, "embedded-redis-stop"));
        }
        return port;
    }

    /** Stops the server (an outage); {@link #start()} brings it back on the same port, empty. */
    public static synchronized void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again. */
    public static synchronized void start() {
        try {
            if (!server.isActive()) {
                server.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "embeddedRedis", Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port())));
    }
}
