package io.polyclinic.testkit.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Stands in for the identity service in a single service's tests: an RS256 key whose public half is served as a
 * JWKS over real HTTP on 127.0.0.1, and tokens with the claims identity issues ({@code sub}, {@code email},
 * {@code roles}, {@code iss=polyclinic-identity}, {@code aud=polyclinic}, {@code jti}, 15 minutes; for managers
 * {@code clinics}, the clinic ids they run), and service tokens ({@link #serviceToken}).
 */
public final class TestJwtIssuer {

    public static final String ISSUER = "polyclinic-identity";
    public static final String AUDIENCE = "polyclinic";

    /** The audience of service tokens ({@code polyclinic.service-tokens.audience}). */
    public static final String SERVICE_AUDIENCE = "polyclinic-services";

    private static TestJwtIssuer shared;

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer server;

    private TestJwtIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            foreignKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (var body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    /** The issuer shared by all tests of this JVM. */
    public static synchronized TestJwtIssuer shared() {
        if (shared == null) {
            shared = new TestJwtIssuer();
        }
        return shared;
    }

    /** Where the public keys are served. */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid access token for the user with the given roles ({@code PATIENT}, {@code ADMIN}...). */
    public String token(UUID userId, String email, String... roles) {
        return sign(key, claims(userId, email, List.of(roles), Instant.now(), Duration.ofMinutes(15), AUDIENCE));
    }

    /**
     * A valid access token carrying a {@code clinics} claim, as identity issues to a CLINIC_MANAGER: the clinic
     * scope every service reads from {@code AuthenticatedUser}.
     *
     * @param clinicIds the clinics the user runs, in claim order; empty for an empty claim
     */
    public String tokenWithClinics(UUID userId, String email, Collection<UUID> clinicIds, String... roles) {
        var claims = new JWTClaimsSet.Builder(
                        claims(userId, email, List.of(roles), Instant.now(), Duration.ofMinutes(15), AUDIENCE))
                .claim("clinics", clinicIds.stream().map(UUID::toString).toList())
                .build();
        return sign(key, claims);
    }

    /** A token that expired an hour ago (beyond any clock skew). */
    public String expiredToken(UUID userId, String... roles) {
        var issued = Instant.now().minus(Duration.ofHours(2));
        return sign(
                key, claims(userId, "expired@example.com", List.of(roles), issued, Duration.ofMinutes(15), AUDIENCE));
    }

    /** A token with the right key id but signed by another key: a forgery. */
    public String forgedToken(UUID userId, String... roles) {
        return sign(
                foreignKey,
                claims(userId, "forged@example.com", List.of(roles), Instant.now(), Duration.ofMinutes(15), AUDIENCE));
    }

    /** A correctly signed token meant for another audience. */
    public String tokenForAudience(String audience, UUID userId, String... roles) {
        return sign(
                key,
                claims(userId, "other@example.com", List.of(roles), Instant.now(), Duration.ofMinutes(15), audience));
    }

    /**
     * A valid service token, as identity's token endpoint issues it: {@code sub} and {@code client_id} the client id,
     * {@code scope} the scopes separated by spaces, audience {@link #SERVICE_AUDIENCE}, 5 minutes.
     */
    public String serviceToken(String clientId, String... scopes) {
        var now = Instant.now();
        return sign(
                key,
                new JWTClaimsSet.Builder()
                        .subject(clientId)
                        .issuer(ISSUER)
                        .audience(SERVICE_AUDIENCE)
                        .claim("client_id", clientId)
                        .claim("scope", String.join(" ", scopes))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
    }

    /**
     * A valid token of one login session ({@code sid} claim), issued at {@code issuedAt} (whole seconds) and valid for
     * 15 minutes from then: for revocation tests.
     */
    public String sessionToken(UUID userId, UUID sessionId, Instant issuedAt, String... roles) {
        var claims = new JWTClaimsSet.Builder(claims(
                        userId, "session@example.com", List.of(roles), issuedAt, Duration.ofMinutes(15), AUDIENCE))
                .claim("sid", sessionId.toString())
                .build();
        return sign(key, claims);
    }

    private static JWTClaimsSet claims(
            UUID userId, String email, List<String> roles, Instant issuedAt, Duration lifetime, String audience) {
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(ISSUER)
                .audience(audience)
                .claim("email", email)
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Points a Spring test context's token verification at the shared issuer. Use with
     * {@code @ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)}.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testJwtIssuer",
                            Map.of(
                                    "polyclinic.security.jwk-set-uri", shared().jwkSetUri(),
                                    "polyclinic.security.issuer", ISSUER,
                                    "polyclinic.security.audience", AUDIENCE,
                                    "polyclinic.service-tokens.audience", SERVICE_AUDIENCE)));
        }
    }
}
