package io.polyclinic.identity.config;

import io.polyclinic.identity.client.LocalServiceTokenSource;
import io.polyclinic.identity.client.ServiceClientRegistry;
import io.polyclinic.identity.client.ServiceClientsProperties;
import io.polyclinic.identity.client.ServiceTokenIssuer;
import io.polyclinic.identity.client.ServiceTokenService;
import io.polyclinic.identity.ratelimit.TokenRequestRateLimiter;
import io.polyclinic.identity.token.SigningKeys;
import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.security.SecurityProperties;
import io.polyclinic.platform.servicetoken.ServiceTokenProperties;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Wiring of service tokens (decision 0025): the registered clients, the token endpoint's use case and rate limit,
 * and identity's own token source, which replaces the platform's HTTP client (identity mints its own tokens).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceClientsProperties.class)
class ServiceTokenConfiguration {

    @Bean
    ServiceClientRegistry serviceClientRegistry(ServiceClientsProperties properties) {
        return ServiceClientRegistry.of(properties.clients());
    }

    /**
     * Signs service tokens with the user tokens' keys and issuer but the service audience.
     *
     * @throws IllegalStateException when the lifetime is outside 1 minute to 1 hour
     */
    @Bean
    ServiceTokenIssuer serviceTokenIssuer(
            SigningKeys keys,
            ServiceClientsProperties properties,
            SecurityProperties security,
            ServiceTokenProperties serviceTokens,
            Clock clock) {
        var ttl = properties.ttl();
        if (ttl.toSeconds() < 60 || ttl.toSeconds() > 3600) {
            throw new IllegalStateException("polyclinic.identity.service-tokens.ttl must be between 1m and 1h");
        }
        return new ServiceTokenIssuer(keys, ttl, security.issuer(), serviceTokens.audience(), clock);
    }

    @Bean
    ServiceTokenService serviceTokenService(ServiceClientRegistry clients, ServiceTokenIssuer issuer) {
        return new ServiceTokenService(clients, issuer);
    }

    @Bean
    TokenRequestRateLimiter tokenRequestRateLimiter(ServiceClientsProperties properties) {
        return new TokenRequestRateLimiter(properties.requestsPerIp(), properties.period(), properties.maxTrackedIps());
    }

    /** Identity's own service tokens (client id = its application name), minted in process. */
    @Bean
    ServiceTokenSource identityServiceTokens(
            ServiceTokenIssuer issuer,
            ServiceClientsProperties properties,
            @Value("${spring.application.name:identity}") String applicationName,
            Clock clock) {
        return new LocalServiceTokenSource(issuer, applicationName, properties.ownScopes(), clock);
    }

    /** The token endpoint authenticates its clients itself (HTTP Basic), so it needs no bearer token. */
    @Bean
    AuthorizationRules tokenEndpointRules() {
        return registry ->
                registry.requestMatchers(HttpMethod.POST, "/oauth2/token").permitAll();
    }
}
