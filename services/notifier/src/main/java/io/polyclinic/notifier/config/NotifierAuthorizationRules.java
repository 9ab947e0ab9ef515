package io.polyclinic.notifier.config;

import static org.springframework.http.HttpMethod.GET;

import io.polyclinic.notifier.shared.NotifierProperties;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the notifier: it has no public API; the dead-letter replay ({@code /api/v1/notifier/**}) needs role
 * ADMIN; the dev stack's inbox page {@code GET /dev/mail} is open when it is switched on
 * ({@code polyclinic.notifier.dev-mail-page}, dev stack only, loopback); everything else needs a token.
 */
@Configuration(proxyBeanMethods = false)
public class NotifierAuthorizationRules {

    @Bean
    AuthorizationRules notifierRules(NotifierProperties properties) {
        return registry -> {
            registry.requestMatchers("/api/v1/notifier/**").hasRole(AuthenticatedUser.ADMIN);
            if (properties.devMailPage()) {
                registry.requestMatchers(GET, "/dev/mail").permitAll();
            }
        };
    }
}
