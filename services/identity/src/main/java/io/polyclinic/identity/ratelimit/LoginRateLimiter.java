package io.polyclinic.identity.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.polyclinic.platform.problem.TooManyRequestsException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Brute-force protection of login (SPEC S1): an in-memory token bucket (Bucket4j, greedy refill) per account (the
 * email, ignoring case) and per client IP. Every attempt costs one token of each, successful or not. Buckets of the
 * least recently seen keys are forgotten past {@code maxTrackedKeys}, which bounds memory; the per-IP limit still
 * holds an attacker who cycles through many emails. Limits are per instance: several instances multiply them.
 */
public final class LoginRateLimiter {

    private final BucketMap accounts;
    private final BucketMap ips;

    /**
     * @param perAccount attempts per account and {@code period}
     * @param perIp attempts per IP and {@code period}
     * @param maxTrackedKeys how many accounts and how many IPs are remembered
     */
    public LoginRateLimiter(int perAccount, int perIp, Duration period, int maxTrackedKeys) {
        this.accounts = new BucketMap(perAccount, period, maxTrackedKeys);
        this.ips = new BucketMap(perIp, period, maxTrackedKeys);
    }

    /**
     * Takes one attempt from the IP's and the account's buckets.
     *
     * @throws TooManyRequestsException (429, with the wait until the next attempt) when either is empty
     */
    public void acquire(String email, String ip) {
        take(ips, ip == null ? "unknown" : ip);
        take(accounts, email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static void take(BucketMap buckets, String key) {
        var probe = buckets.bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooManyLoginAttemptsException(wait.plusSeconds(1).withNanos(0));
        }
    }

    /** Too many login attempts for this account or from this address: 429 with {@code Retry-After}. */
    public static class TooManyLoginAttemptsException extends TooManyRequestsException {

        public TooManyLoginAttemptsException(Duration retryAfter) {
            super("Too many login attempts. Try again later.", retryAfter);
        }
    }

    private static final class BucketMap {

        private final Bandwidth limit;
        private final Map<String, Bucket> buckets;

        BucketMap(int capacity, Duration period, int maxKeys) {
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

        Bucket bucket(String key) {
            return buckets.computeIfAbsent(
                    key, k -> Bucket.builder().addLimit(limit).build());
        }
    }
}
