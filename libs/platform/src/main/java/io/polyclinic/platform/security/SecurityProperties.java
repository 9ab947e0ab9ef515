package io.polyclinic.platform.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks access tokens ({@code polyclinic.security.*}).
 *
 * @param jwkSetUri where the identity service publishes its public keys (JWKS, RFC 7517); default
 *     {@code http://localhost:8081/.well-known/jwks.json}
 * @param issuer the required {@code iss} claim; empty to skip the check (default {@code polyclinic-identity})
 * @param audience the required {@code aud} value (default {@code polyclinic})
 * @param publicPaths Ant-style paths open without a token, on top of health and API docs
 * @param publicMetrics whether {@code /actuator/prometheus} is open without a token (default false: admins only).
 *     Turn it on together with a separate {@code management.server.port} that only the scraper reaches (the gateway
 *     routes nothing there); the dev stack turns it on for the services, which listen on loopback
 */
@ConfigurationProperties("polyclinic.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json")
        URI jwkSetUri,

        @DefaultValue("polyclinic-identity") String issuer,
        @DefaultValue("polyclinic") String audience,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("false") boolean publicMetrics) {}
