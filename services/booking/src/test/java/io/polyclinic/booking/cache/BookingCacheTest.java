package io.polyclinic.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.Language;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * The one guarantee no API test can time: a card put late (by a load that began before a clinic edit, on this or
 * another instance, or a Redis write that outlived its client timeout) is never served after the edit's eviction.
 */
class BookingCacheTest {

    private final ConcurrentMapCache cards = new ConcurrentMapCache("cards");
    private final ConcurrentMapCache searches = new ConcurrentMapCache("searches");
    // remote: evictions retire entries by generation only, as with Redis (nothing is cleared in place)
    private final BookingCache cache = new BookingCache(
            cards, searches, CacheGeneration.local(), CacheGeneration.local(), true, Duration.ofSeconds(1));

    @Test
    void aCardPutUnderTheGenerationBeforeEvictAllIsNeverServedAgain() {
        var doctor = UUID.randomUUID();
        var database = new AtomicReference<>("Clinic 1");
        assertThat(cache.card(doctor, Language.EN, String.class, database::get, c -> true))
                .isEqualTo("Clinic 1");
        var keyBefore = cards.getNativeCache().keySet().iterator().next();

        database.set("Renamed clinic");
        cache.evictAll();
        // the late write of a load that read the old rows lands after the eviction
        cards.put(keyBefore, "Clinic 1");

        assertThat(cache.card(doctor, Language.EN, String.class, database::get, c -> true))
                .isEqualTo("Renamed clinic");
        assertThat(cache.card(doctor, Language.EN, String.class, () -> "not loaded again", c -> true))
                .as("the fresh card is cached under the new generation")
                .isEqualTo("Renamed clinic");
    }

    @Test
    void aDoctorsEvictionRemovesItsCardsOfTheCurrentGeneration() {
        var doctor = UUID.randomUUID();
        cache.card(doctor, Language.EN, String.class, () -> "ACTIVE", c -> true);
        cache.card(doctor, Language.RU, String.class, () -> "ACTIVE", c -> true);

        cache.evictDoctor(doctor);

        assertThat(cache.card(doctor, Language.EN, String.class, () -> "ON_LEAVE", c -> true))
                .isEqualTo("ON_LEAVE");
        assertThat(cache.card(doctor, Language.RU, String.class, () -> "ON_LEAVE", c -> true))
                .isEqualTo("ON_LEAVE");
    }
}
