package io.polyclinic.booking.cache;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The version of every cached search page: part of each page's key, advanced by any write, so one increment retires
 * every page at once (old pages are never read again and expire by TTL or size).
 */
public interface SearchGeneration {

    /** The current generation. */
    long current();

    /** Retires every page cached so far. */
    void advance();

    /** One counter in this JVM, for the in-process cache. */
    static SearchGeneration local() {
        var counter = new AtomicLong();
        return new SearchGeneration() {
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
    static SearchGeneration redis(StringRedisTemplate redis, String key) {
        return new SearchGeneration() {
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
