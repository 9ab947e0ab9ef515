package io.polyclinic.identity.config;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.password.PasswordPolicy;
import io.polyclinic.identity.ratelimit.LoginRateLimiter;
import io.polyclinic.identity.ratelimit.RegistrationRateLimiter;
import io.polyclinic.identity.token.AccessTokenIssuer;
import io.polyclinic.identity.token.SigningKeys;
import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.security.PlatformSecurityAutoConfiguration;
import io.polyclinic.platform.security.SecurityProperties;
import io.polyclinic.platform.security.revocation.RevokedTokenValidator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Wiring of the identity service: keys, token issuing and verification, password hashing, URL rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@EnableScheduling
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.withBundledList();
    }

    @Bean
    PasswordHasher passwordHasher(IdentityProperties properties) {
        return new PasswordHasher(properties.password().bcryptStrength());
    }

    @Bean
    LoginRateLimiter loginRateLimiter(IdentityProperties properties) {
        var limit = properties.loginRateLimit();
        return new LoginRateLimiter(
                limit.perAccountAndIp(), limit.perAccount(), limit.perIp(), limit.period(), limit.maxTrackedKeys());
    }

    @Bean
    RegistrationRateLimiter registrationRateLimiter(IdentityProperties properties) {
        var limit = properties.registrationRateLimit();
        return new RegistrationRateLimiter(limit.perIp(), limit.period(), limit.maxTrackedKeys());
    }

    /**
     * The configured key set, or in development a key generated once into the key directory.
     *
     * @throws IllegalStateException without {@code polyclinic.identity.keys.jwks} outside development: replicas that
     *     each generated a key would reject each other's tokens, and a restart would invalidate every token
     */
    @Bean
    SigningKeys signingKeys(IdentityProperties properties) {
        var keys = properties.keys();
        if (keys.hasInlineJwks()) {
            return SigningKeys.fromJwks(keys.jwks());
        }
        if (!keys.generateDevKey()) {
            throw new IllegalStateException("No token signing keys configured: set polyclinic.identity.keys.jwks"
                    + " (environment POLYCLINIC_IDENTITY_KEYS_JWKS) to a JWK set with the private RSA keys, the same"
                    + " on every replica. Only a development setup may set"
                    + " polyclinic.identity.keys.generate-dev-key=true to generate a key instead.");
        }
        log.warn(
                "Development signing key in {} (polyclinic.identity.keys.generate-dev-key=true): not for production",
                keys.directory());
        return SigningKeys.fromDirectory(keys.directory());
    }

    /**
     * Issues tokens with the same issuer ({@code polyclinic.security.issuer}) and audience that every service (and our
     * own decoder) requires.
     *
     * @throws IllegalStateException when the issuer is blank: the platform would then skip the check, and our tokens
     *     need an {@code iss}
     */
    @Bean
    AccessTokenIssuer accessTokenIssuer(
            SigningKeys keys, IdentityProperties properties, SecurityProperties security, Clock clock) {
        if (security.issuer() == null || security.issuer().isBlank()) {
            throw new IllegalStateException(
                    "polyclinic.security.issuer must not be blank in the identity service: it is the iss of every token");
        }
        return new AccessTokenIssuer(
                keys, properties.tokens().accessTokenTtl(), security.issuer(), security.audience(), clock);
    }

    /**
     * Verifies access tokens with our own public keys, in process, so identity never calls its own JWKS endpoint;
     * the checks (expiry, issuer, audience, revocation) are the platform's.
     */
    @Bean
    JwtDecoder jwtDecoder(
            SigningKeys keys, SecurityProperties security, ObjectProvider<RevokedTokenValidator> revocations) {
        var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(keys.publicJwkSet()))
                .build();
        decoder.setJwtValidator(
                PlatformSecurityAutoConfiguration.tokenValidator(security, revocations.getIfAvailable()));
        return decoder;
    }

    /** Registration, login, refresh and the public keys need no token; the admin API needs ADMIN. */
    @Bean
    AuthorizationRules identityAuthorizationRules() {
        return registry -> registry.requestMatchers(
                        HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                .permitAll()
                .requestMatchers("/api/v1/admin/**")
                .hasRole("ADMIN");
    }
}
