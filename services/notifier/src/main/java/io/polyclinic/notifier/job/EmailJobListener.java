package io.polyclinic.notifier.job;

import io.polyclinic.notifier.config.NotifierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.stereotype.Component;

/**
 * Consumes the {@code notifications.email} queue (transport only). A malformed job goes straight to the dead-letter
 * queue with the reason in its {@code x-exception-message} header; a job whose send fails is retried with backoff by
 * the listener's retry interceptor, then dead-lettered the same way; the message is acknowledged only after the email
 * was sent (or dead-lettered).
 */
@Component
public class EmailJobListener {

    private static final Logger log = LoggerFactory.getLogger(EmailJobListener.class);

    private final EmailJobParser parser;
    private final EmailJobService service;
    private final MessageRecoverer deadLetters;
    private final int maxJobBytes;

    public EmailJobListener(
            EmailJobParser parser,
            EmailJobService service,
            MessageRecoverer deadLetters,
            NotifierProperties properties) {
        this.parser = parser;
        this.service = service;
        this.deadLetters = deadLetters;
        this.maxJobBytes = properties.jobs().maxJobBytes();
    }

    @RabbitListener(id = "notifier-email-jobs", queues = "${polyclinic.notifier.jobs.queue:notifications.email}")
    void onJob(Message message) {
        EmailJob job;
        try {
            job = parser.parse(message.getBody(), maxJobBytes);
        } catch (InvalidJobException e) {
            log.warn("Dead-lettering a malformed email job: {}", e.getMessage());
            deadLetters.recover(message, e);
            return;
        }
        service.send(job);
    }
}
