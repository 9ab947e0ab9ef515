package io.polyclinic.analytics.config;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the analytics service: sites and reports are for clinic managers (their clinics' sites, checked per
 * site) and admins.
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsAuthorizationRules {

    @Bean
    AuthorizationRules analyticsRules() {
        return registry -> registry.requestMatchers("/api/v1/analytics/**")
                .hasAnyRole(AuthenticatedUser.CLINIC_MANAGER, AuthenticatedUser.ADMIN);
    }
}
