package io.polyclinic.analytics;

import io.polyclinic.testkit.amqp.EmbeddedAmqpBroker;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at the JVM's embedded AMQP broker (alert emails go to its queue notifications.email). */
public class AmqpTestBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "analyticsAmqp", EmbeddedAmqpBroker.shared().springProperties()));
    }
}
