package io.polyclinic.collector.config;

import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Only for the benchmark: with {@code polyclinic.collector.reference-endpoint.enabled}, {@code /bench/noop} is open. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("polyclinic.collector.reference-endpoint.enabled")
class CollectorReferenceConfiguration {

    @Bean
    AuthorizationRules referenceRules() {
        return registry ->
                registry.requestMatchers(HttpMethod.POST, "/bench/noop").permitAll();
    }
}
