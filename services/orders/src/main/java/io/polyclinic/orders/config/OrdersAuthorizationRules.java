package io.polyclinic.orders.config;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the orders service: orders hold names, phones and addresses, so every read needs role ADMIN (no
 * support role; decision 0037), the listing included; so does the benchmark's reference endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class OrdersAuthorizationRules {

    @Bean
    AuthorizationRules ordersRules() {
        return registry -> {
            registry.requestMatchers("/api/v1/orders", "/api/v1/orders/**").hasRole(AuthenticatedUser.ADMIN);
            registry.requestMatchers("/bench/**").hasRole(AuthenticatedUser.ADMIN);
        };
    }
}
