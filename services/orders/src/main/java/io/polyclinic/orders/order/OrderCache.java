package io.polyclinic.orders.order;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Orders in memory: each order's JSON answer by {@code order_uid}, at most {@code maximumSize} of them (Caffeine,
 * W-TinyLFU eviction). Orders never change once stored, so an entry is never stale and nothing expires. Its metrics
 * are Micrometer's cache metrics under the name {@code orders}: {@code cache.gets} (tag {@code result} hit or miss),
 * {@code cache.puts}, {@code cache.evictions}, {@code cache.size}.
 */
public final class OrderCache {

    private final Cache<String, byte[]> cache;
    private final long maximumSize;

    /**
     * @param maximumSize how many orders it holds at most
     * @param registry where its metrics go
     */
    public OrderCache(long maximumSize, MeterRegistry registry) {
        this.maximumSize = maximumSize;
        this.cache =
                Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, "orders");
    }

    /** The order's JSON, or {@code null} when it is not in memory. */
    public byte[] get(String orderUid) {
        return cache.getIfPresent(orderUid);
    }

    /** Keeps the order's JSON. */
    public void put(String orderUid, byte[] json) {
        cache.put(orderUid, json);
    }

    /** How many orders it holds at most. */
    public long maximumSize() {
        return maximumSize;
    }

    /** About how many orders it holds now. */
    public long size() {
        return cache.estimatedSize();
    }
}
