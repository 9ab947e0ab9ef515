package io.polyclinic.booking.cache;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The version of a cache's entries: part of each entry's key, so one increment retires every entry at once, atomically
 * (old entries are never read again and expire by TTL or size). An entry put late by a load that began before the
 * increment, on any instance, lands under the old version and is never served.
 */
public interface CacheGeneration {

    /** The current generation. */
    long current();

    /** Retires every entry cached so far. */
    void advance();

    /** One counter in this JVM, for the in-process cache. */
    static CacheGeneration local() {
        var counter = new AtomicLong();
        return new CacheGeneration() {
            @Override
            public long current() {
                return counter.get();
            }

            @Override
            public void advance() {
                counter.incrementAndGet();
            }
        };
    }

    /**
     * A counter in Redis shared by every instance. Its key has no TTL, so {@code maxmemory-policy volatile-lru} never
     * evicts it (only cached entries, which all have one, are candidates).
     */
    static CacheGeneration redis(StringRedisTemplate redis, String key) {
        return new CacheGeneration() {
            @Override
            public long current() {
                var value = redis.opsForValue().get(key);
                return value == null ? 0 : Long.parseLong(value);
            }

            @Override
            public void advance() {
                redis.opsForValue().increment(key);
            }
        };
    }
}
