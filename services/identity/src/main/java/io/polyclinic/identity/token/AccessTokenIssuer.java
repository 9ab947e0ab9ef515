package io.polyclinic.identity.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues the JWT access tokens of docs/product.md S1, signed RS256 with the current {@link SigningKeys} key ({@code kid} and
 * {@code typ: JWT} in the header). Claims: {@code sub} user id, {@code email}, {@code roles} (names without prefix),
 * {@code sid} session id, {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti} (RFC 7519 §4.1), and for a
 * CLINIC_MANAGER {@code clinics}, the clinic ids they run (decision 0027).
 */
public final class AccessTokenIssuer {

    /** Claim holding the id of the session the token belongs to (the login it descends from). */
    public static final String SESSION_ID_CLAIM = "sid";

    private final SigningKeys keys;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /**
     * @param lifetime access token lifetime, whole seconds
     * @param issuer the {@code iss} claim, {@code polyclinic-identity}
     * @param audience the {@code aud} claim, {@code polyclinic}
     */
    public AccessTokenIssuer(SigningKeys keys, Duration lifetime, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A signed token and its lifetime in seconds (the {@code expiresIn} of the token response). */
    public record AccessToken(String value, long expiresInSeconds) {

        @Override
        public String toString() {
            return "AccessToken[****, expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    /** Signs a token for the user and session with the user's current roles and no clinic scope. */
    public AccessToken issue(UUID userId, String email, Collection<String> roles, UUID sessionId) {
        return issue(userId, email, roles, List.of(), sessionId);
    }

    /**
     * Signs a token for the user and session with the user's current roles and clinic scope.
     *
     * @param clinicIds the {@code clinics} claim; the claim is left out when empty
     */
    public AccessToken issue(
            UUID userId, String email, Collection<String> roles, Collection<UUID> clinicIds, UUID sessionId) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(issuer)
                .audience(audience)
                .claim("email", email)
                .claim("roles", List.copyOf(roles))
                .claim(SESSION_ID_CLAIM, sessionId.toString())
                .claim(
                        AuthenticatedUser.CLINICS_CLAIM,
                        clinicIds.isEmpty()
                                ? null
                                : clinicIds.stream().map(UUID::toString).toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return new AccessToken(keys.sign(claims), lifetime.toSeconds());
    }
}
