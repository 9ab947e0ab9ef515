package io.polyclinic.identity.ratelimit;

import io.polyclinic.platform.problem.TooManyRequestsException;
import java.time.Duration;

/**
 * Limits registrations per client IP (in memory, see {@link Buckets}): each costs a BCrypt hash, and its 409 tells
 * whether an email is registered, so one address must not probe or burn CPU at will. Every attempt that reaches the
 * registration use case takes a token, whatever its outcome.
 */
public final class RegistrationRateLimiter {

    private final Buckets ips;

    /**
     * @param perIp registrations per IP and {@code period}
     * @param maxTrackedKeys how many IPs are remembered
     */
    public RegistrationRateLimiter(int perIp, Duration period, int maxTrackedKeys) {
        this.ips = new Buckets(perIp, period, maxTrackedKeys);
    }

    /**
     * Takes one registration from the IP's bucket.
     *
     * @throws TooManyRegistrationsException (429, with the wait until the next attempt) when it is empty
     */
    public void acquire(String ip) {
        ips.tryTake(ip == null ? "unknown" : ip).ifPresent(wait -> {
            throw new TooManyRegistrationsException(wait);
        });
    }

    /** Too many registrations from this address: 429 with {@code Retry-After}. */
    public static class TooManyRegistrationsException extends TooManyRequestsException {

        public TooManyRegistrationsException(Duration retryAfter) {
            super("Too many registrations from this address. Try again later.", retryAfter);
        }
    }
}
