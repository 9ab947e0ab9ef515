package io.polyclinic.collector.config;

import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.web.HttpProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The collector's edge: its three routes are open to anyone (no token) and to every origin (CORS {@code *}, no
 * credentials), since any clinic's site posts to them; everything else (the actuator) keeps the platform's rules and
 * allow-list.
 */
@Configuration(proxyBeanMethods = false)
class CollectorWebConfiguration {

    static final List<String> PUBLIC_ROUTES = List.of("/track", "/api/event", "/tracker.js");

    @Bean
    AuthorizationRules collectorRules() {
        return registry -> {
            registry.requestMatchers(HttpMethod.POST, "/track", "/api/event").permitAll();
            registry.requestMatchers(HttpMethod.GET, "/tracker.js").permitAll();
            registry.requestMatchers(HttpMethod.OPTIONS, PUBLIC_ROUTES.toArray(String[]::new))
                    .permitAll();
        };
    }

    /** Replaces the platform's CORS source (same bean name): open on the public routes, the allow-list elsewhere. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(HttpProperties http) {
        var open = new CorsConfiguration();
        open.addAllowedOriginPattern("*");
        open.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        open.setAllowedHeaders(List.of("Content-Type"));
        open.setExposedHeaders(List.of("Retry-After", "X-Request-Id"));
        open.setAllowCredentials(false);
        open.setMaxAge(86_400L);
        var restricted = new CorsConfiguration();
        restricted.setAllowedOrigins(http.corsAllowedOrigins());
        restricted.setAllowedMethods(List.of("GET"));
        var source = new UrlBasedCorsConfigurationSource();
        PUBLIC_ROUTES.forEach(route -> source.registerCorsConfiguration(route, open));
        source.registerCorsConfiguration("/**", restricted);
        return source;
    }
}
