package io.polyclinic.platform.servicetoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of service tokens against a stand-in token endpoint over real HTTP (a JDK HTTP server on
 * loopback) and a clock the test moves.
 */
class ServiceTokenClientTest {

    private static final String SECRET = "s3cret:with/odd&chars";

    private HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void startTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body;
            if (status.get() == 200) {
                body = """
                        {"access_token":"token-%d","token_type":"Bearer","expires_in":300,"scope":"audit.write"}""".formatted(issued.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            } else {
                body = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stopTokenEndpoint() {
        server.stop(0);
    }

    private ServiceTokenClient client(List<String> scopes) {
        return new ServiceTokenClient(
                "booking",
                SECRET,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token"),
                scopes,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                clock);
    }

    @Test
    void asksWithTheClientCredentialsGrantAndFormEncodedBasicCredentials() {
        var token = client(List.of("audit.write", "booking.read")).token();

        assertThat(token).isEqualTo("token-1");
        var basic = new String(
                Base64.getDecoder().decode(authorizations.getFirst().substring("Basic ".length())),
                StandardCharsets.UTF_8);
        var colon = basic.indexOf(':');
        assertThat(URLDecoder.decode(basic.substring(0, colon), StandardCharsets.UTF_8))
                .isEqualTo("booking");
        assertThat(URLDecoder.decode(basic.substring(colon + 1), StandardCharsets.UTF_8))
                .isEqualTo(SECRET);
        assertThat(forms.getFirst()).isEqualTo("grant_type=client_credentials&scope=audit.write+booking.read");
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenRenewed() {
        var client = client(List.of());

        var first = client.token();
        now.set(now.get().plusSeconds(239));
        var cached = client.token();
        now.set(now.get().plusSeconds(1));
        var renewed = client.token();

        assertThat(first).isEqualTo("token-1").isEqualTo(cached);
        assertThat(renewed).isEqualTo("token-2");
        assertThat(forms.getFirst()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        var client = client(List.of());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = IntStream.range(0, 20)
                    .mapToObj(i -> pool.submit(client::token))
                    .toList();
            for (var call : calls) {
                assertThat(call.get()).isEqualTo("token-1");
            }
        }
        assertThat(issued.get()).isEqualTo(1);
    }

    @Test
    void aRefusedClientIsUnavailableWithTheOAuthErrorButNeverTheSecret() {
        status.set(401);

        assertThatThrownBy(() -> client(List.of()).token())
                .isInstanceOf(ServiceTokenUnavailableException.class)
                .hasMessageContaining("HTTP 401 invalid_client")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void whenRenewalFailsTheCachedTokenIsUsedUntilItExpires() {
        var client = client(List.of());
        client.token();
        status.set(503);

        now.set(now.get().plusSeconds(250));
        var stillValid = client.token();
        now.set(now.get().plusSeconds(60));

        assertThat(stillValid).isEqualTo("token-1");
        assertThatThrownBy(client::token).isInstanceOf(ServiceTokenUnavailableException.class);
    }

    @Test
    void anUnreachableEndpointIsUnavailable() {
        server.stop(0);

        assertThatThrownBy(() -> client(List.of()).token())
                .isInstanceOf(ServiceTokenUnavailableException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void anInvalidatedTokenIsFetchedAgain() {
        var client = client(List.of());
        var first = client.token();

        client.invalidate("some-other-token");
        var same = client.token();
        client.invalidate(first);

        assertThat(same).isEqualTo(first);
        assertThat(client.token()).isEqualTo("token-2");
    }
}
