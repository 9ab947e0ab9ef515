package io.polyclinic.booking.cache;

import io.polyclinic.contracts.Language;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cache-aside for doctor cards and doctor search pages (S3 "Cache", decision 0014), over two Spring caches
 * ({@link #CARDS}, {@link #SEARCHES}) that are either in-process Caffeine caches or Redis caches.
 *
 * <p>Writers call {@link #evictDoctor}, {@link #evictSearches} or {@link #evictAll} after changing what a card or a
 * search shows; inside a transaction the eviction runs after the commit, so no reader can cache the old rows again
 * after it. Every key starts with its cache's {@link CacheGeneration}, so retiring a whole cache is one atomic
 * increment, never a walk over the keys that a put in flight could outrun (any instance's late put lands under the old
 * generation). A card load that overlapped an eviction in this JVM is not stored.
 *
 * <p>A Redis cache that fails (down, timeout, unreadable entry) never fails a request: the read goes to the
 * database, Redis is skipped for {@code redisRetryAfter}, and evictions missed meanwhile clear both caches once Redis
 * answers again.
 */
public final class BookingCache {

    /** Cache of doctor cards, key {@code <generation>:<doctorId>:<language>}. */
    public static final String CARDS = "doctor-cards";

    /** Cache of search pages, key {@code <generation>:<language>:<page>:<size>:<criteria>}. */
    public static final String SEARCHES = "doctor-searches";

    private static final Logger log = LoggerFactory.getLogger(BookingCache.class);

    private final Cache cards;
    private final Cache searches;
    private final CacheGeneration cardGeneration;
    private final CacheGeneration searchGeneration;
    private final boolean remote;
    private final long retryAfterNanos;
    private final AtomicLong evictions = new AtomicLong();
    private volatile long skipRemoteUntil;
    private volatile boolean clearPending;

    /**
     * @param cards the card cache, or null to cache nothing
     * @param searches the search page cache, or null to cache nothing
     * @param cardGeneration the cards' generation, advanced when every card goes
     * @param searchGeneration the search pages' generation, advanced by every write
     * @param remote whether the caches live in Redis (errors tolerated, see the class comment)
     * @param retryAfter how long Redis is skipped after an error
     */
    public BookingCache(
            Cache cards,
            Cache searches,
            CacheGeneration cardGeneration,
            CacheGeneration searchGeneration,
            boolean remote,
            Duration retryAfter) {
        this.cards = cards;
        this.searches = searches;
        this.cardGeneration = cardGeneration;
        this.searchGeneration = searchGeneration;
        this.remote = remote;
        this.retryAfterNanos = retryAfter.toNanos();
        this.skipRemoteUntil = System.nanoTime();
    }

    /** A cache that caches nothing (polyclinic.booking.cache.enabled=false). */
    public static BookingCache disabled() {
        return new BookingCache(null, null, CacheGeneration.local(), CacheGeneration.local(), false, Duration.ZERO);
    }

    /**
     * A doctor card from the cache, else from {@code loader} (then cached).
     *
     * @param fresh whether a cached card may still be shown (e.g. its nearest free slot is still bookable); a stale
     *     one is loaded again
     */
    public <T> T card(UUID doctorId, Language language, Class<T> type, Supplier<T> loader, Predicate<T> fresh) {
        if (cards == null || !remoteUsable()) {
            return loader.get();
        }
        var generation = current(cardGeneration);
        if (generation < 0) {
            return loader.get();
        }
        return cached(cards, generation + ":" + doctorId + ":" + language.tag(), type, loader, fresh);
    }

    /**
     * A search page from the cache, else from {@code loader} (then cached).
     *
     * @param key everything the page depends on besides the data: criteria, page, size, language
     */
    public <T> T search(String key, Class<T> type, Supplier<T> loader, Predicate<T> fresh) {
        if (searches == null || !remoteUsable()) {
            return loader.get();
        }
        var generation = current(searchGeneration);
        if (generation < 0) {
            return loader.get();
        }
        return cached(searches, generation + ":" + key, type, loader, fresh);
    }

    /** The generation, or -1 when Redis failed to tell it (then the caller loads without the cache). */
    private long current(CacheGeneration generation) {
        try {
            return generation.current();
        } catch (RuntimeException e) {
            if (!remote) {
                throw e;
            }
            failed(e);
            return -1;
        }
    }

    /** Evicts the doctor's cards and every search page: call after any change to the doctor or its slots. */
    public void evictDoctor(UUID doctorId) {
        afterCommit(() -> {
            evictions.incrementAndGet();
            if (cards != null) {
                var generation = cardGeneration.current();
                for (var language : Language.values()) {
                    cards.evict(generation + ":" + doctorId + ":" + language.tag());
                }
            }
            searchGeneration.advance();
            if (searches != null && !remote) {
                searches.clear();
            }
        });
    }

    /** Evicts every search page: call after a change that moves search results but no card. */
    public void evictSearches() {
        afterCommit(() -> {
            evictions.incrementAndGet();
            searchGeneration.advance();
            if (searches != null && !remote) {
                searches.clear();
            }
        });
    }

    /** Evicts everything: call after a change many cards show (a clinic, a specialty name, a bulk load). */
    public void evictAll() {
        afterCommit(this::clearAll);
    }

    private void clearAll() {
        evictions.incrementAndGet();
        cardGeneration.advance();
        searchGeneration.advance();
        if (!remote) {
            // in-process entries of old generations would only wait for their TTL: free them now
            if (cards != null) {
                cards.clear();
            }
            if (searches != null) {
                searches.clear();
            }
        }
    }

    private <T> T cached(Cache cache, String key, Class<T> type, Supplier<T> loader, Predicate<T> fresh) {
        T value;
        try {
            value = cache.get(key, type);
        } catch (SerializationException e) {
            // an entry written by another version of the service: replace it
            log.info("Unreadable {} cache entry replaced: {}", cache.getName(), e.getMessage());
            value = null;
        } catch (RuntimeException e) {
            if (!remote) {
                throw e;
            }
            failed(e);
            return loader.get();
        }
        if (value != null && fresh.test(value)) {
            return value;
        }
        var before = evictions.get();
        var loaded = loader.get();
        if (loaded != null && evictions.get() == before) {
            try {
                cache.put(key, loaded);
            } catch (RuntimeException e) {
                if (!remote) {
                    throw e;
                }
                failed(e);
            }
        }
        return loaded;
    }

    /** Runs an eviction after the current transaction commits, or now without one; Redis errors are absorbed. */
    private void afterCommit(Runnable eviction) {
        if (cards == null && searches == null) {
            return;
        }
        Runnable safe = () -> {
            if (!remoteUsable()) {
                clearPending = true;
                return;
            }
            try {
                eviction.run();
            } catch (RuntimeException e) {
                if (!remote) {
                    throw e;
                }
                clearPending = true;
                failed(e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    safe.run();
                }
            });
        } else {
            safe.run();
        }
    }

    /**
     * Whether Redis may be tried now (always true in-process). After an outage, first clears both caches when
     * evictions were missed, so no entry outlives a write it did not see.
     */
    private boolean remoteUsable() {
        if (!remote) {
            return true;
        }
        if (System.nanoTime() - skipRemoteUntil < 0) {
            return false;
        }
        if (clearPending) {
            synchronized (this) {
                if (clearPending) {
                    try {
                        clearAll();
                        clearPending = false;
                        log.info("Redis answers again; cleared the booking caches after missed evictions");
                    } catch (RuntimeException e) {
                        failed(e);
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void failed(RuntimeException e) {
        var first = System.nanoTime() - skipRemoteUntil >= 0;
        skipRemoteUntil = System.nanoTime() + retryAfterNanos;
        if (first) {
            log.warn(
                    "Redis cache unavailable, serving from the database for {} ms: {}",
                    retryAfterNanos / 1_000_000,
                    e.toString());
        }
    }
}
