package io.polyclinic.collector.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.polyclinic.platform.problem.TooManyRequestsException;
import java.time.Duration;

/**
 * A token bucket per client address (Bucket4j, greedy refill) on the collector's routes: {@code capacity} requests per
 * {@code period}, bursts up to the capacity. Buckets live in a bounded Caffeine cache and expire one period after their
 * client's last request (a fresh bucket is full, so nothing is lost). Per replica: replicas multiply the limit.
 */
public class RateLimitService {

    private final boolean enabled;
    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    /**
     * @param enabled whether requests are limited at all
     * @param capacity requests per period and burst size, at least 1
     * @param period the refill period
     * @param maxClients buckets kept at most
     */
    public RateLimitService(boolean enabled, long capacity, Duration period, long maxClients) {
        this.enabled = enabled;
        this.limit = Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(capacity, period)
                .build();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(period)
                .build();
    }

    /**
     * Takes one request from the client's bucket.
     *
     * @param client the client's address
     * @throws TooManyRequestsException (429 with {@code Retry-After}) when the bucket is empty
     */
    public void take(String client) {
        if (!enabled) {
            return;
        }
        var bucket = buckets.get(
                client == null ? "" : client,
                key -> Bucket.builder().addLimit(limit).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(
                    "Too many events from this address; try again later.",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
        }
    }
}
