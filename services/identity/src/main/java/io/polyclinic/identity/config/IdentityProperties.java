package io.polyclinic.identity.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The identity service's settings ({@code polyclinic.identity.*}); every default is the documented one.
 *
 * @param tokens lifetimes of access and refresh tokens
 * @param keys where the token signing keys come from
 * @param password password hashing
 * @param loginRateLimit brute-force protection of the login endpoint
 * @param registrationRateLimit abuse protection of the registration endpoint
 * @param admin the first administrator, created at start when both email and password are set
 * @param sessions housekeeping of ended sessions
 */
@Validated
@ConfigurationProperties("polyclinic.identity")
public record IdentityProperties(
        @Valid @DefaultValue Tokens tokens,
        @Valid @DefaultValue Keys keys,
        @Valid @DefaultValue Password password,
        @Valid @DefaultValue LoginRateLimit loginRateLimit,
        @Valid @DefaultValue RegistrationRateLimit registrationRateLimit,
        @Valid @DefaultValue Admin admin,
        @Valid @DefaultValue Sessions sessions) {

    /**
     * @param accessTokenTtl lifetime of a JWT access token (default {@code 15m}); other services learn of logouts
     *     and role changes from revocation events, which they keep for {@code polyclinic.security.revocation
     *     .max-token-lifetime}: keep that at least this long
     * @param refreshTokenTtl lifetime of each refresh token (default {@code 30d}); a refresh issues a new one, so an
     *     active session lives on while it is used at least once per this period, up to the session's absolute
     *     lifetime
     */
    public record Tokens(
            @NotNull @DefaultValue("15m") Duration accessTokenTtl,
            @NotNull @DefaultValue("30d") Duration refreshTokenTtl) {}

    /**
     * The token signing keys. Every replica must sign with the same keys, so outside development they come from
     * {@code jwks}; identity refuses to start without them unless {@code generateDevKey} is on.
     *
     * @param directory where a generated RSA key is kept as a JWK set file {@code signing-keys.json} (owner-only
     *     permissions) when {@code generateDevKey} is on and {@code jwks} is empty (default {@code ./var/keys})
     * @param jwks a JWK set JSON with private RSA keys (env {@code POLYCLINIC_IDENTITY_KEYS_JWKS}); the first key
     *     signs, all are published; no default, required outside development
     * @param generateDevKey development only: without {@code jwks}, generate a key into {@code directory} on first
     *     start and reuse it (default {@code false}; the dev stack and the tests turn it on)
     */
    public record Keys(
            @NotNull @DefaultValue("./var/keys") Path directory,
            String jwks,
            @DefaultValue("false") boolean generateDevKey) {

        /** Whether the keys come from the {@code jwks} property rather than the directory. */
        public boolean hasInlineJwks() {
            return jwks != null && !jwks.isBlank();
        }

        /** Never prints key material. */
        @Override
        public String toString() {
            return "Keys[directory=" + directory + ", jwks=" + (hasInlineJwks() ? "****" : "") + ", generateDevKey="
                    + generateDevKey + "]";
        }
    }

    /** @param bcryptStrength BCrypt cost factor, 10..16 (default {@code 12}; each step doubles the work) */
    public record Password(
            @Min(10) @Max(16) @DefaultValue("12") int bcryptStrength) {}

    /**
     * Token buckets refilled continuously, one attempt from each per login: {@code perAccountAndIp} for one email from
     * one client IP, {@code perAccount} for one email from all IPs together and {@code perIp} for one IP across all
     * emails. A stranger exhausting the strict (account, IP) limit does not lock the account's owner out elsewhere.
     *
     * @param perAccountAndIp attempts per account and client IP and period (default {@code 5})
     * @param perAccount attempts per account across all client IPs and period (default {@code 20})
     * @param perIp attempts per client IP and period (default {@code 20})
     * @param period the refill period (default {@code 1m})
     * @param maxTrackedKeys the most keys each limit remembers, least recently used forgotten first (default
     *     {@code 100000})
     */
    public record LoginRateLimit(
            @Min(1) @DefaultValue("5") int perAccountAndIp,
            @Min(1) @DefaultValue("20") int perAccount,
            @Min(1) @DefaultValue("20") int perIp,
            @NotNull @DefaultValue("1m") Duration period,
            @Min(100) @DefaultValue("100000") int maxTrackedKeys) {}

    /**
     * A token bucket per client IP, refilled continuously: {@code perIp} registrations per {@code period}.
     *
     * @param perIp registrations per client IP and period (default {@code 10})
     * @param period the refill period (default {@code 1m})
     * @param maxTrackedKeys the most IPs remembered, least recently used forgotten first (default {@code 100000})
     */
    public record RegistrationRateLimit(
            @Min(1) @DefaultValue("10") int perIp,
            @NotNull @DefaultValue("1m") Duration period,
            @Min(100) @DefaultValue("100000") int maxTrackedKeys) {}

    /**
     * @param email the first administrator's email (env {@code POLYCLINIC_ADMIN_EMAIL}); no default
     * @param password the first administrator's password (env {@code POLYCLINIC_ADMIN_PASSWORD}); no default, never
     *     logged
     * @param fullName the first administrator's full name (default {@code Administrator})
     */
    public record Admin(
            String email,
            String password,
            @DefaultValue("Administrator") String fullName) {

        /** Whether both email and password are set. */
        public boolean isConfigured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=****, fullName=" + fullName + "]";
        }
    }

    /**
     * @param retention how long ended or expired sessions (and expired refresh tokens) are kept before deletion
     *     (default {@code 7d})
     * @param purgeInterval how often they are deleted (default {@code 1h})
     * @param absoluteLifetime how long a session lives from its login at most, however often it is refreshed
     *     (default {@code 30d}); no refresh token of the session expires later, and a refresh after it fails
     */
    public record Sessions(
            @NotNull @DefaultValue("7d") Duration retention,
            @NotNull @DefaultValue("1h") Duration purgeInterval,
            @NotNull @DefaultValue("30d") Duration absoluteLifetime) {

        public Sessions {
            if (absoluteLifetime != null && (absoluteLifetime.isNegative() || absoluteLifetime.isZero())) {
                throw new IllegalArgumentException("polyclinic.identity.sessions.absolute-lifetime must be positive");
            }
        }
    }
}
