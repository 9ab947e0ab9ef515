package io.polyclinic.notifier.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The business metrics of S5: {@code notifier.emails.sent} and {@code notifier.emails.failed} (failed attempts),
 * tagged {@code channel} (event, job, reminder) and {@code template}. Kafka consumer lag comes from Spring Kafka's
 * Micrometer metrics ({@code kafka.consumer.fetch.manager.records.lag}).
 */
@Component
public class MailMetrics {

    private final MeterRegistry registry;

    public MailMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(OutgoingEmail email) {
        counter("notifier.emails.sent", "Emails accepted by the SMTP server", email)
                .increment();
    }

    void failed(OutgoingEmail email) {
        counter("notifier.emails.failed", "Email send attempts that failed", email)
                .increment();
    }

    private Counter counter(String name, String description, OutgoingEmail email) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", email.channel().name().toLowerCase(Locale.ROOT))
                .tag("template", email.template())
                .register(registry);
    }
}
