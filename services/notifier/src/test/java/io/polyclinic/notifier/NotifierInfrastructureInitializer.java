package io.polyclinic.notifier;

import io.polyclinic.testkit.amqp.EmbeddedAmqpBroker;
import io.polyclinic.testkit.mail.EmbeddedSmtpServer;
import java.util.HashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at the JVM's embedded Kafka, AMQP broker and SMTP server (all real, all on free ports). */
public class NotifierInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var properties = new HashMap<String, Object>();
        properties.put("spring.kafka.bootstrap-servers", KafkaTestBroker.bootstrapServers());
        properties.putAll(EmbeddedAmqpBroker.shared().springProperties());
        properties.putAll(EmbeddedSmtpServer.shared().springProperties());
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("notifierInfrastructure", properties));
    }
}
