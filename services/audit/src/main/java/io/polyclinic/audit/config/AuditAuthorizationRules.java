package io.polyclinic.audit.config;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the audit service: the whole REST API (record queries, chain verification) is for admins. The gRPC
 * port has its own rules ({@link AuditGrpcSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class AuditAuthorizationRules {

    @Bean
    AuthorizationRules auditRules() {
        return registry -> registry.requestMatchers("/api/v1/audit/**").hasRole(AuthenticatedUser.ADMIN);
    }
}
