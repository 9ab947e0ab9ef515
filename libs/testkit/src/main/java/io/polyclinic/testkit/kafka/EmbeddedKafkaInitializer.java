package io.polyclinic.testkit.kafka;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared embedded Kafka broker ({@link EmbeddedKafkaServer#shared()}) by
 * setting {@code spring.kafka.bootstrap-servers}. Use with
 * {@code @ContextConfiguration(initializers = EmbeddedKafkaInitializer.class)}.
 */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var server = EmbeddedKafkaServer.shared();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "embeddedKafka", Map.of("spring.kafka.bootstrap-servers", server.bootstrapServers())));
    }
}
