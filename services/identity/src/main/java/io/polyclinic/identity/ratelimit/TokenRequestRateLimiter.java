package io.polyclinic.identity.ratelimit;

import io.polyclinic.platform.problem.TooManyRequestsException;
import java.time.Duration;

/**
 * Limits service token requests per client IP (in memory, see {@link Buckets}), whatever their outcome: a service
 * needs a new token every few minutes, so a burst from one address is someone guessing client secrets.
 */
public final class TokenRequestRateLimiter {

    private final Buckets ips;

    /**
     * @param perIp token requests per IP and {@code period}
     * @param period the refill period
     * @param maxTrackedKeys how many IPs are remembered
     */
    public TokenRequestRateLimiter(int perIp, Duration period, int maxTrackedKeys) {
        this.ips = new Buckets(perIp, period, maxTrackedKeys);
    }

    /**
     * Takes one request from the IP's bucket.
     *
     * @throws TooManyTokenRequestsException (429, with the wait until the next attempt) when it is empty
     */
    public void acquire(String ip) {
        ips.tryTake(ip == null ? "unknown" : ip).ifPresent(wait -> {
            throw new TooManyTokenRequestsException(wait);
        });
    }

    /** Too many token requests from this address: 429 with {@code Retry-After}. */
    public static class TooManyTokenRequestsException extends TooManyRequestsException {

        public TooManyTokenRequestsException(Duration retryAfter) {
            super("Too many token requests from this address. Try again later.", retryAfter);
        }
    }
}
