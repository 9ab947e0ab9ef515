package io.polyclinic.analytics.config;

import io.polyclinic.analytics.alert.AlertProperties;
import io.polyclinic.analytics.alert.EmailJobSender;
import io.polyclinic.analytics.conversion.ConversionProperties;
import io.polyclinic.analytics.realtime.RealtimeProperties;
import java.time.Duration;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the live parts of the analytics service: the real-time view, alert rules (their email jobs reach the
 * notifier through the outbox and RabbitMQ) and booking conversions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RealtimeProperties.class, AlertProperties.class, ConversionProperties.class})
public class LiveConfiguration {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    EmailJobSender emailJobSender(ConnectionFactory connectionFactory, AlertProperties properties) {
        var template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        return new EmailJobSender(template, properties.emailQueue(), CONFIRM_TIMEOUT);
    }
}
