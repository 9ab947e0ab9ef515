package io.polyclinic.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's URL authorization rules, applied by the platform's security filter chain before its final
 * "everything else needs a valid token" rule. Declare one as a bean in the service's {@code config/} package.
 */
@FunctionalInterface
public interface AuthorizationRules {

    /** Adds matchers such as {@code registry.requestMatchers(POST, "/api/v1/auth/login").permitAll()}. */
    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry);
}
