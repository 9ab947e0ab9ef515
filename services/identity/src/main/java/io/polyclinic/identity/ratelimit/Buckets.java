package io.polyclinic.identity.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory token buckets (Bucket4j, greedy refill) by key: {@code capacity} tokens per {@code period} each. Buckets of
 * the least recently seen keys are forgotten past {@code maxKeys}, which bounds memory. Per instance: several
 * instances multiply the limits.
 */
final class Buckets {

    private final Bandwidth limit;
    private final Map<String, Bucket> buckets;

    /**
     * @param capacity tokens per key and period, at least 1
     * @param period the refill period
     * @param maxKeys how many keys are remembered
     */
    Buckets(int capacity, Duration period, int maxKeys) {
        this.limit = Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(capacity, period)
                .build();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        });
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return empty when taken, else how long to wait for the next token (whole seconds, at least one)
     */
    Optional<Duration> tryTake(String key) {
        var probe = buckets.computeIfAbsent(
                        key, k -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(
                Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1).withNanos(0));
    }
}
