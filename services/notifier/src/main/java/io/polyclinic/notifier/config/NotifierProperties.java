package io.polyclinic.notifier.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the notifier sends, from where, and how hard it tries ({@code polyclinic.notifier.*}). SMTP itself is
 * Spring Boot's {@code spring.mail.*}, Kafka {@code spring.kafka.*}, RabbitMQ {@code spring.rabbitmq.*}.
 *
 * @param from the From address of every email ({@code from}, default {@code Polyclinic <no-reply@polyclinic.local>})
 * @param messageIdDomain the right-hand side of the Message-IDs the notifier sets ({@code message-id-domain}, default
 *     {@code notifier.polyclinic.local}); a resent email keeps its Message-ID, so mail clients show it once
 * @param events the booking events consumer ({@code events.*})
 * @param jobs the email job queue consumer ({@code jobs.*})
 * @param delivery the retries of event and reminder emails ({@code delivery.*})
 * @param reminder the reminder job ({@code reminder.*})
 * @param retention how long processed-event ids, finished emails and past appointments are kept ({@code retention},
 *     default {@code 30d}); it must exceed how long Kafka may redeliver an event
 * @param devMailPage serve {@code GET /dev/mail}, the dev stack's inbox page ({@code dev-mail-page}, default
 *     {@code false}; only the dev stack turns it on)
 */
@Validated
@ConfigurationProperties("polyclinic.notifier")
public record NotifierProperties(
        @DefaultValue("Polyclinic <no-reply@polyclinic.local>") @NotBlank
        String from,

        @DefaultValue("notifier.polyclinic.local") @NotBlank String messageIdDomain,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid Jobs jobs,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Reminder reminder,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("false") boolean devMailPage) {

    /**
     * The booking events consumer.
     *
     * @param topic the topic read ({@code polyclinic.notifier.events.topic}, default {@code booking.events})
     * @param deadLetterTopic where malformed events go, with the reason in {@code kafka_dlt-exception-*} headers
     *     ({@code dead-letter-topic}, default {@code booking.events.dlt})
     * @param retryInterval the pause between attempts at an event that failed for a passing reason, such as the
     *     database being down ({@code retry-interval}, default {@code 2s})
     * @param retryAttempts how many more attempts before such an event goes to the dead-letter topic too
     *     ({@code retry-attempts}, default 15)
     * @param maxEventBytes the largest event accepted; a bigger one is dead-lettered ({@code max-event-bytes},
     *     default 65536)
     */
    public record Events(
            @DefaultValue("booking.events") @NotBlank String topic,
            @DefaultValue("booking.events.dlt") @NotBlank String deadLetterTopic,
            @DefaultValue("2s") @NotNull Duration retryInterval,
            @DefaultValue("15") @Min(0) @Max(1000) int retryAttempts,
            @DefaultValue("65536") @Min(1024) @Max(1048576) int maxEventBytes) {}

    /**
     * The email job queue consumer (RabbitMQ). Retries of a failing job are Spring Boot's
     * {@code spring.rabbitmq.listener.simple.retry.*} (the notifier's defaults: 4 retries, 1 s doubling to 10 s).
     *
     * @param queue the work queue ({@code polyclinic.notifier.jobs.queue}, default {@code notifications.email})
     * @param deadLetterExchange the fanout exchange dead jobs go through ({@code dead-letter-exchange}, default
     *     {@code notifications.email.dlx})
     * @param deadLetterQueue the queue that keeps dead jobs with the reason in {@code x-exception-*} headers
     *     ({@code dead-letter-queue}, default {@code notifications.email.dlq})
     * @param maxJobBytes the largest job accepted; a bigger one is dead-lettered ({@code max-job-bytes}, default
     *     262144)
     */
    public record Jobs(
            @DefaultValue("notifications.email") @NotBlank String queue,

            @DefaultValue("notifications.email.dlx") @NotBlank
            String deadLetterExchange,

            @DefaultValue("notifications.email.dlq") @NotBlank
            String deadLetterQueue,

            @DefaultValue("262144") @Min(1024) @Max(4194304) int maxJobBytes) {}

    /**
     * Retries of event and reminder emails whose SMTP send failed (the email stays in the notifier's outbox).
     *
     * @param pollInterval how often the relay looks for emails due for a retry ({@code poll-interval}, default
     *     {@code 10s})
     * @param initialBackoff the wait before the first retry, doubled per attempt ({@code initial-backoff}, default
     *     {@code 30s})
     * @param maxBackoff the longest wait between retries ({@code max-backoff}, default {@code 30m})
     * @param maxAttempts after this many failed attempts the email is marked FAILED ({@code max-attempts}, default
     *     12)
     */
    public record Delivery(
            @DefaultValue("10s") @NotNull Duration pollInterval,
            @DefaultValue("30s") @NotNull Duration initialBackoff,
            @DefaultValue("30m") @NotNull Duration maxBackoff,
            @DefaultValue("12") @Min(1) @Max(1000) int maxAttempts) {}

    /**
     * The appointment reminder.
     *
     * @param lead how long before the start the reminder is sent ({@code lead}, default {@code 24h}); an
     *     appointment booked with less time to go gets no reminder (its confirmation is just as recent)
     * @param pollInterval how often the job looks for due reminders ({@code poll-interval}, default {@code 1m})
     */
    public record Reminder(
            @DefaultValue("24h") @NotNull Duration lead,
            @DefaultValue("1m") @NotNull Duration pollInterval) {}
}
