package io.polyclinic.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One in-memory token bucket per client (Bucket4j): {@code capacity} requests, refilled gradually over
 * {@code period}, so a client may burst up to the capacity and then sustains {@code capacity / period}. Buckets
 * live in this gateway replica only; when {@code maxClients} are held, the full (idle) ones are dropped, which
 * loses nothing since a full bucket is what a new client gets (at most once a second, so a flood of new clients does
 * not rescan the map on every request). If none is idle, new clients share one overflow bucket: memory stays bounded,
 * and clients already limited stay limited whatever a flood of new addresses does.
 */
public class ClientRateLimiter {

    /**
     * The answer for one request.
     *
     * @param allowed whether the request may proceed
     * @param remaining requests left in the client's bucket after this one
     * @param retryAfter how long until the next request would be allowed; zero when allowed
     */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {}

    private final long capacity;
    private final Duration period;
    private final int maxClients;
    private static final long EVICTION_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastEviction =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - EVICTION_INTERVAL_NANOS);
    private final Bucket overflow;

    /**
     * @param capacity requests per period and burst size; at least 1
     * @param period refill period; positive
     * @param maxClients buckets held before idle ones are dropped; at least 1
     */
    public ClientRateLimiter(long capacity, Duration period, int maxClients) {
        if (capacity < 1 || period.isNegative() || period.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("Rate limit needs capacity >= 1, a positive period and maxClients >= 1");
        }
        this.capacity = capacity;
        this.period = period;
        this.maxClients = maxClients;
        this.overflow = newBucket();
    }

    /** Takes one token from the client's bucket. */
    public Decision tryAcquire(String client) {
        var bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                evictIdle();
            }
            bucket = buckets.size() < maxClients ? buckets.computeIfAbsent(client, key -> newBucket()) : overflow;
        }
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, probe.getRemainingTokens(), Duration.ZERO);
        }
        return new Decision(false, 0, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How many clients have a bucket now. */
    int trackedClients() {
        return buckets.size();
    }

    private void evictIdle() {
        long now = System.nanoTime();
        long last = lastEviction.get();
        if (now - last < EVICTION_INTERVAL_NANOS || !lastEviction.compareAndSet(last, now)) {
            return;
        }
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacity);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, period)
                        .build())
                .build();
    }
}
