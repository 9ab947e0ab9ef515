package io.polyclinic.platform.security.revocation;

import java.time.Clock;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Token revocation in every web service that has Kafka ({@code spring.kafka.*}) unless
 * {@code polyclinic.security.revocation.enabled=false}: {@link RevokedTokens}, the {@link RevokedTokenValidator} the
 * platform's JWT decoder adds to its checks, the {@link RevocationEventListener} that fills them from identity's
 * events, and a readiness probe ({@link RevocationReadiness}, bean {@code readinessStateHealthIndicator}, replacing
 * Spring Boot's) that waits for the initial replay. Decision 0026.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        beforeName =
                "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(KafkaConsumer.class)
@ConditionalOnBean(KafkaProperties.class)
@ConditionalOnProperty(prefix = "polyclinic.security.revocation", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RevocationProperties.class)
public class RevocationAutoConfiguration {

    @Bean
    RevokedTokens revokedTokens(RevocationProperties properties) {
        return new RevokedTokens(properties.retention(), Clock.systemUTC());
    }

    @Bean
    RevokedTokenValidator revokedTokenValidator(RevokedTokens revocations) {
        return new RevokedTokenValidator(revocations);
    }

    /**
     * Its own consumer from {@code spring.kafka.*} (so it finds the same cluster), whatever a service configures for
     * its listeners: String keys and values, no group, no commits.
     */
    @Bean
    RevocationEventListener revocationEventListener(
            KafkaProperties kafka, RevocationProperties properties, RevokedTokens revocations, Environment env) {
        var config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "revocations-" + env.getProperty("spring.application.name", "service"));
        return new RevocationEventListener(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()),
                revocations,
                properties,
                Clock.systemUTC());
    }

    @Bean
    RevocationReadiness readinessStateHealthIndicator(
            ApplicationAvailability availability, RevocationEventListener listener, RevocationProperties properties) {
        return new RevocationReadiness(availability, listener, properties.readinessTimeout(), Clock.systemUTC());
    }
}
