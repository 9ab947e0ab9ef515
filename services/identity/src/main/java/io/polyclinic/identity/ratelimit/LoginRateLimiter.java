package io.polyclinic.identity.ratelimit;

import io.polyclinic.platform.problem.TooManyRequestsException;
import java.time.Duration;
import java.util.Locale;

/**
 * Brute-force protection of login (docs/product.md S1), in memory (see {@link Buckets}), with three limits checked in this
 * order, each attempt taking one token from each bucket it reaches, successful or not:
 *
 * <ol>
 *   <li>per client IP, across accounts: one address cannot spray many accounts;
 *   <li>per account and client IP (strict): one address cannot guess one account's password;
 *   <li>per account across all IPs (looser): many addresses cannot guess one account's password together.
 * </ol>
 *
 * <p>An attacker who exhausts the strict bucket of (victim, own IP) stops there and does not drain the victim's
 * account bucket, so the victim still logs in from another address; only a distributed attack of more than
 * {@code perAccount} attempts a period locks the account for everyone. The account is the email ignoring case and
 * surrounding blanks.
 */
public final class LoginRateLimiter {

    private final Buckets ips;
    private final Buckets accountsAndIps;
    private final Buckets accounts;

    /**
     * @param perAccountAndIp attempts per (account, IP) and {@code period}
     * @param perAccount attempts per account across all IPs and {@code period}
     * @param perIp attempts per IP across all accounts and {@code period}
     * @param maxTrackedKeys how many keys each of the three limits remembers
     */
    public LoginRateLimiter(int perAccountAndIp, int perAccount, int perIp, Duration period, int maxTrackedKeys) {
        this.ips = new Buckets(perIp, period, maxTrackedKeys);
        this.accountsAndIps = new Buckets(perAccountAndIp, period, maxTrackedKeys);
        this.accounts = new Buckets(perAccount, period, maxTrackedKeys);
    }

    /**
     * Takes one attempt from the IP's, the (account, IP)'s and the account's buckets, stopping at the first empty one.
     *
     * @throws TooManyLoginAttemptsException (429, with the wait until the next attempt) when one is empty
     */
    public void acquire(String email, String ip) {
        var address = ip == null ? "unknown" : ip;
        var account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        take(ips, address);
        take(accountsAndIps, account + "\n" + address);
        take(accounts, account);
    }

    private static void take(Buckets buckets, String key) {
        buckets.tryTake(key).ifPresent(wait -> {
            throw new TooManyLoginAttemptsException(wait);
        });
    }

    /** Too many login attempts for this account or from this address: 429 with {@code Retry-After}. */
    public static class TooManyLoginAttemptsException extends TooManyRequestsException {

        public TooManyLoginAttemptsException(Duration retryAfter) {
            super("Too many login attempts. Try again later.", retryAfter);
        }
    }
}
