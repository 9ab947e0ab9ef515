package io.polyclinic.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/** Redis configured but never reachable: the service starts, and search and cards come from the database. */
@ContextConfiguration(initializers = UnreachableRedisApiTest.NobodyListens.class)
class UnreachableRedisApiTest extends BookingApiTest {

    /** Points the cache at a loopback port nobody listens on. */
    static class NobodyListens implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            int port;
            try (var probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "deadRedis", Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port)));
        }
    }

    @Test
    void searchCardsAndWritesWorkWithoutRedis() {
        var f = fixture();
        var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));

        var search = get("/api/v1/doctors?specialty=" + f.specialty(), null);
        assertThat(search.items().get(0).get("nearestFreeSlot").get("id").asString())
                .isEqualTo(slot.toString());
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null).status()).isEqualTo(200);

        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null).text("status")).isEqualTo("ON_LEAVE");
        assertThat(get("/api/v1/doctors?specialty=" + f.specialty(), null)
                        .items()
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("ON_LEAVE");
    }
}
