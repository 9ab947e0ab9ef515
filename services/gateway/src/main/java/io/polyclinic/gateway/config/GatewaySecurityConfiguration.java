package io.polyclinic.gateway.config;

import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What the gateway lets through without a token; every other request needs a valid one (the platform's
 * resource server verifies signature via identity's JWKS, expiry, issuer and audience). A request that carries an
 * invalid token is refused with 401 on every route, public ones included. The token is forwarded and each service
 * verifies it again (zero trust): a service reachable without the gateway is no weaker than the gateway. The web UI's
 * pages pass without a token: the web UI checks its own session cookie and CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    AuthorizationRules gatewayPublicRoutes() {
        return registry -> registry.requestMatchers(
                        HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/doctors/**", "/api/v1/specialties/**", "/api/v1/clinics/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                .permitAll()
                // web analytics: any site's visitors post events and load the tracker without a token
                .requestMatchers(HttpMethod.POST, "/track", "/api/event")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/tracker.js")
                .permitAll()
                .requestMatchers(HttpMethod.OPTIONS, "/track", "/api/event", "/tracker.js")
                .permitAll()
                // The web UI authenticates its pages itself (its session cookie and CSRF token).
                .requestMatchers(request -> WebUiPaths.isWebUi(request.getRequestURI()))
                .permitAll();
    }
}
