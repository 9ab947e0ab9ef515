package io.polyclinic.notifier.shared;

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
 * @param delivery the sending and retries of recorded emails ({@code delivery.*})
 * @param outageRetry how the consumers wait out an outage of the database ({@code outage-retry.*})
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
        @DefaultValue @Valid OutageRetry outageRetry,
        @DefaultValue @Valid Reminder reminder,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("false") boolean devMailPage) {

    /**
     * The booking events consumer.
     *
     * @param topic the topic read ({@code polyclinic.notifier.events.topic}, default {@code booking.events})
     * @param deadLetterTopic where malformed events go, with the reason in {@code kafka_dlt-exception-*} headers
     *     ({@code dead-letter-topic}, default {@code booking.events.dlt})
     * @param retryInterval the pause between attempts at an event that failed for an unexpected reason, neither an
     *     outage (retried without limit, see {@link OutageRetry}) nor a malformed event (dead-lettered at once)
     *     ({@code retry-interval}, default {@code 2s})
     * @param retryAttempts how many more attempts before such an event goes to the dead-letter topic
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
     * The email job queue consumer (RabbitMQ). An outage is waited out without limit ({@link OutageRetry}); a
     * malformed job is dead-lettered at once.
     *
     * @param queue the work queue ({@code polyclinic.notifier.jobs.queue}, default {@code notifications.email})
     * @param deadLetterExchange the fanout exchange dead jobs go through ({@code dead-letter-exchange}, default
     *     {@code notifications.email.dlx})
     * @param deadLetterQueue the queue that keeps dead jobs with the reason in {@code x-exception-*} headers
     *     ({@code dead-letter-queue}, default {@code notifications.email.dlq})
     * @param maxJobBytes the largest job accepted; a bigger one is dead-lettered ({@code max-job-bytes}, default
     *     262144)
     * @param retryAttempts how many more attempts a job that failed for an unexpected reason (neither an outage nor
     *     malformed) gets before it is dead-lettered ({@code retry-attempts}, default 4)
     */
    public record Jobs(
            @DefaultValue("notifications.email") @NotBlank String queue,

            @DefaultValue("notifications.email.dlx") @NotBlank
            String deadLetterExchange,

            @DefaultValue("notifications.email.dlq") @NotBlank
            String deadLetterQueue,

            @DefaultValue("262144") @Min(1024) @Max(4194304) int maxJobBytes,
            @DefaultValue("4") @Min(0) @Max(1000) int retryAttempts) {}

    /**
     * Sending recorded emails and retrying those whose send failed (every email stays in the notifier's outbox until
     * it is SENT, or FAILED for a permanent reason such as the SMTP server refusing the recipient with a 5xx reply).
     *
     * @param pollInterval how often the relay looks for emails due for a retry ({@code poll-interval}, default
     *     {@code 10s})
     * @param initialBackoff the wait before the first retry, doubled per attempt ({@code initial-backoff}, default
     *     {@code 30s})
     * @param maxBackoff the longest wait between retries; retries go on without limit ({@code max-backoff}, default
     *     {@code 30m})
     * @param claimLease how long a sender's claim on an email holds while it talks to the SMTP server outside any
     *     transaction ({@code claim-lease}, default {@code 2m}); it must exceed the SMTP timeouts together. After a
     *     crash mid-send the email is sent again once the lease ran out (with the same Message-ID)
     */
    public record Delivery(
            @DefaultValue("10s") @NotNull Duration pollInterval,
            @DefaultValue("30s") @NotNull Duration initialBackoff,
            @DefaultValue("30m") @NotNull Duration maxBackoff,
            @DefaultValue("2m") @NotNull Duration claimLease) {}

    /**
     * How the booking events and email job consumers wait out an outage of the database: the failed message is
     * tried again, without limit, after a pause doubling from {@code initial-backoff} to {@code max-backoff}; the
     * consumer takes nothing else from that partition (Kafka) or thread (queue) meanwhile, and nothing is
     * dead-lettered.
     *
     * @param initialBackoff the first pause ({@code polyclinic.notifier.outage-retry.initial-backoff}, default
     *     {@code 1s})
     * @param maxBackoff the longest pause ({@code max-backoff}, default {@code 30s}); keep it well below Kafka's
     *     {@code max.poll.interval.ms} (5 minutes)
     */
    public record OutageRetry(
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("30s") @NotNull Duration maxBackoff) {}

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
