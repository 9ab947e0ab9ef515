package io.polyclinic.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The notifier service (S5): emails patients about their appointments (from the booking events on Kafka, with an
 * {@code .ics} invitation, and a reminder a day ahead) and sends the email jobs other services put on RabbitMQ.
 */
@SpringBootApplication
@PropertySource("classpath:notifier.properties")
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }
}
