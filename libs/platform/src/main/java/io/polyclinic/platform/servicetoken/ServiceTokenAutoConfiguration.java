package io.polyclinic.platform.servicetoken;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The service token client of every service that has client credentials ({@code polyclinic.service-tokens.client-id}
 * and {@code .client-secret}; an id without a secret fails the start); a service that mints its own tokens (identity) declares its own
 * {@link ServiceTokenSource} and this one backs off.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class ServiceTokenAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ServiceTokenSource.class)
    @ConditionalOnExpression("!'${polyclinic.service-tokens.client-id:}'.isBlank()")
    ServiceTokenClient serviceTokenClient(ServiceTokenProperties properties) {
        if (!properties.hasClientCredentials()) {
            throw new IllegalStateException("polyclinic.service-tokens.client-id is set without a client secret: set "
                    + "POLYCLINIC_SERVICE_TOKENS_CLIENT_SECRET");
        }
        return ServiceTokenClient.of(properties);
    }
}
