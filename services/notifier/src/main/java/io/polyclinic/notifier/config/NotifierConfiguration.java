package io.polyclinic.notifier.config;

import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.reminder.ReminderService;
import io.polyclinic.notifier.shared.NotifierProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Wiring of the notifier: its properties, the clock, the mail template engines (HTML and text, Thymeleaf, texts from
 * {@code mail/messages*.properties}) and the scheduled jobs (outbox relay, reminders, housekeeping).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifierProperties.class)
@EnableScheduling
public class NotifierConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MessageSource mailMessageSource() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // A missing Russian text falls back to English, never to the JVM's default locale.
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Bean
    SpringTemplateEngine mailHtmlTemplateEngine(MessageSource mailMessageSource) {
        return engine("mail/html/", ".html", TemplateMode.HTML, mailMessageSource);
    }

    @Bean
    SpringTemplateEngine mailTextTemplateEngine(MessageSource mailMessageSource) {
        return engine("mail/text/", ".txt", TemplateMode.TEXT, mailMessageSource);
    }

    private static SpringTemplateEngine engine(
            String prefix, String suffix, TemplateMode mode, MessageSource messages) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    /** The relay retries failed event and reminder emails; the reminder job records and sends due reminders. */
    @Bean
    SchedulingConfigurer notifierJobs(
            MailDeliveryService delivery, ReminderService reminders, NotifierProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            registrar.addFixedDelayTask(
                    delivery::deliverDue, properties.delivery().pollInterval());
            registrar.addFixedDelayTask(
                    reminders::sendDueReminders, properties.reminder().pollInterval());
        };
    }
}
