package io.polyclinic.identity.client;

import com.nimbusds.jwt.JWTClaimsSet;
import io.polyclinic.identity.token.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

/**
 * Issues service tokens (decision 0025): JWTs signed RS256 with identity's current signing key, like user access
 * tokens, but with the service audience so that neither kind is accepted as the other. Claims (RFC 9068): {@code sub}
 * and {@code client_id} the client id, {@code scope} the granted scopes separated by spaces, {@code iss}, {@code aud},
 * {@code iat}, {@code exp}, {@code jti}; header {@code kid} and {@code typ: JWT}.
 */
public final class ServiceTokenIssuer {

    private final SigningKeys keys;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /**
     * @param keys identity's signing keys (the first signs)
     * @param lifetime token lifetime, whole seconds
     * @param issuer the {@code iss} claim
     * @param audience the {@code aud} claim, the service audience
     * @param clock the clock of {@code iat} and {@code exp}
     */
    public ServiceTokenIssuer(SigningKeys keys, Duration lifetime, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * A signed service token with its lifetime and scope.
     *
     * @param value the JWT
     * @param expiresInSeconds its lifetime (the {@code expires_in} of the token response)
     * @param scope the granted scopes, space-separated
     */
    public record ServiceToken(String value, long expiresInSeconds, String scope) {

        @Override
        public String toString() {
            return "ServiceToken[****, expiresInSeconds=" + expiresInSeconds + ", scope=" + scope + "]";
        }
    }

    /** Signs a token for the client with exactly these scopes. */
    public ServiceToken issue(String clientId, Collection<String> scopes) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var scope = String.join(" ", scopes);
        var claims = new JWTClaimsSet.Builder()
                .subject(clientId)
                .issuer(issuer)
                .audience(audience)
                .claim("client_id", clientId)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return new ServiceToken(keys.sign(claims), lifetime.toSeconds(), scope);
    }
}
