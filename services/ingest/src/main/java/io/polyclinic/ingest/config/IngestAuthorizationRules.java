package io.polyclinic.ingest.config;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the ingest service: every API (datasets, the naming table, uploads, imports) is for ADMINs and
 * CLINIC_MANAGERs; which clinics a manager may import into is checked per row against the token's clinic scope.
 */
@Configuration(proxyBeanMethods = false)
public class IngestAuthorizationRules {

    @Bean
    AuthorizationRules ingestRules() {
        return registry -> registry.requestMatchers(
                        "/api/v1/datasets",
                        "/api/v1/datasets/**",
                        "/api/v1/naming",
                        "/api/v1/naming/**",
                        "/api/v1/uploads",
                        "/api/v1/uploads/**",
                        "/api/v1/imports",
                        "/api/v1/imports/**")
                .hasAnyRole(AuthenticatedUser.ADMIN, AuthenticatedUser.CLINIC_MANAGER);
    }
}
