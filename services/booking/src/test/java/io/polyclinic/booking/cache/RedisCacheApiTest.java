package io.polyclinic.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The cache contract against a real Redis server ({@link EmbeddedRedis}), plus what only Redis does: entries expire
 * (so {@code volatile-lru} may evict them), and an outage costs no request.
 */
@ContextConfiguration(initializers = EmbeddedRedis.class)
@TestPropertySource(properties = "polyclinic.booking.cache.redis-retry-after=300ms")
class RedisCacheApiTest extends BookingCacheContract {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void cachedEntriesLiveInRedisWithATimeToLiveAndTheServerEvictsOnlySuch() {
        var f = fixture();
        card(f.doctorId());
        firstHit(f.specialty());

        var cardKeys = cardKeys(f.doctorId());
        assertThat(cardKeys).hasSize(1);
        assertThat(redis.getExpire(cardKeys.iterator().next())).isBetween(1L, 600L);
        var searchKeys = redis.keys("booking:doctor-searches::*");
        assertThat(searchKeys).isNotEmpty();
        assertThat(redis.getExpire(searchKeys.iterator().next())).isBetween(1L, 30L);
        assertThat(redis.execute((org.springframework.data.redis.core.RedisCallback<Object>)
                        connection -> connection.serverCommands().getConfig("maxmemory-policy")))
                .asString()
                .contains("volatile-lru");
    }

    /** The doctor's English card in Redis, under whatever generation ({@code <generation>:<id>:en}). */
    private Set<String> cardKeys(UUID doctor) {
        return redis.keys("booking:doctor-cards::*:" + doctor + ":en");
    }

    private boolean cachedInRedis(UUID doctor) {
        try {
            return !cardKeys(doctor).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void withRedisDownSearchAndCardsComeFromTheDatabaseAndWritesMadeMeanwhileShowWhenItIsBack() throws Exception {
        var f = fixture();
        card(f.doctorId());
        firstHit(f.specialty());
        EmbeddedRedis.stop();
        try {
            assertThat(card(f.doctorId()).get("status").asString()).isEqualTo("ACTIVE");
            var changed =
                    patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(card(f.doctorId()).get("status").asString()).isEqualTo("ON_LEAVE");
            assertThat(firstHit(f.specialty()).get("status").asString()).isEqualTo("ON_LEAVE");
        } finally {
            EmbeddedRedis.start();
        }
        assertThat(card(f.doctorId()).get("status").asString()).isEqualTo("ON_LEAVE");
        assertThat(firstHit(f.specialty()).get("status").asString()).isEqualTo("ON_LEAVE");
        // once the client has reconnected (its back-off decides when), cards are cached in Redis again
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cachedInRedis(f.doctorId())) {
            assertThat(System.nanoTime()).as("Redis serves again within 30 s").isLessThan(deadline);
            Thread.sleep(200);
            assertThat(card(f.doctorId()).get("status").asString()).isEqualTo("ON_LEAVE");
        }
        // a change behind the service's back stays unseen: the card comes from Redis
        renameBehindTheServicesBack(f.doctorId(), "Behind " + next());
        assertThat(card(f.doctorId()).get("fullName").asString()).doesNotStartWith("Behind");
    }
}
