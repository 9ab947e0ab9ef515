package io.polyclinic.collector.config;

import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The collector's three routes are open to anyone (no token): any clinic's site posts to them. Their CORS is open to
 * every origin through {@code polyclinic.http.cors-open-paths}; everything else (the actuator) keeps the platform's
 * rules and allow-list.
 */
@Configuration(proxyBeanMethods = false)
class CollectorAuthorizationRules {

    @Bean
    AuthorizationRules collectorRules() {
        return registry -> {
            registry.requestMatchers(HttpMethod.POST, "/track", "/api/event").permitAll();
            registry.requestMatchers(HttpMethod.GET, "/tracker.js").permitAll();
            registry.requestMatchers(HttpMethod.OPTIONS, "/track", "/api/event", "/tracker.js")
                    .permitAll();
        };
    }
}
