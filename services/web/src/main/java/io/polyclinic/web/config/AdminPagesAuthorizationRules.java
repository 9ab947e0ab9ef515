package io.polyclinic.web.config;

import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the staff pages: {@code /manage/**} (clinics, doctors, schedules, a clinic's day) ADMINs and
 * CLINIC_MANAGERs, {@code /admin/**} (specialties, review moderation, users and roles, the audit log, orders) ADMINs
 * only. A visitor is sent to the login page, a person without the role sees the 403 page. The API checks again,
 * including which clinics a manager runs.
 */
@Configuration(proxyBeanMethods = false)
class AdminPagesAuthorizationRules {

    @Bean
    AuthorizationRules adminPagesRules() {
        return registry -> registry.requestMatchers("/manage", "/manage/**")
                .hasAnyRole("ADMIN", "CLINIC_MANAGER")
                .requestMatchers("/admin", "/admin/**")
                .hasRole("ADMIN");
    }
}
