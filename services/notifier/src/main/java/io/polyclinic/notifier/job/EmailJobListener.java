package io.polyclinic.notifier.job;

import io.polyclinic.contracts.jobs.EmailJob;
import io.polyclinic.notifier.contract.ContractMessages;
import io.polyclinic.notifier.contract.InvalidMessageException;
import io.polyclinic.notifier.retry.Failures;
import io.polyclinic.notifier.shared.NotifierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.JavaType;

/**
 * Consumes the {@code notifications.email} queue (transport only): each message is read as an {@link EmailJob} of
 * libs/contracts, checked against its JSON Schema first; the message is acknowledged once {@link EmailJobService}
 * recorded the job's email (decision 0029):
 *
 * <ul>
 *   <li>a malformed job (not JSON, breaking the schema) is poison: straight to the dead-letter queue with the reason in
 *       its {@code x-exception-message} header;
 *   <li>an outage ({@link Failures#isTransient}: the database unreachable) is waited out on this consumer thread,
 *       without limit, the pause doubling from {@code outage-retry.initial-backoff} to {@code outage-retry.max-backoff}:
 *       the job is never dead-lettered for it (a stop while waiting puts the message back on the queue);
 *   <li>any other failure is tried {@code jobs.retry-attempts} more times with the same pauses, then dead-lettered.
 * </ul>
 */
@Component
public class EmailJobListener {

    private static final Logger log = LoggerFactory.getLogger(EmailJobListener.class);

    private final ContractMessages messages;
    private final JavaType emailJob;
    private final EmailJobService service;
    private final MessageRecoverer deadLetters;
    private final int maxJobBytes;
    private final int retryAttempts;
    private final BackOff backOff;

    public EmailJobListener(
            ContractMessages messages,
            EmailJobService service,
            MessageRecoverer deadLetters,
            NotifierProperties properties) {
        this.messages = messages;
        this.emailJob = messages.type(EmailJob.class);
        this.service = service;
        this.deadLetters = deadLetters;
        this.maxJobBytes = properties.jobs().maxJobBytes();
        this.retryAttempts = properties.jobs().retryAttempts();
        var outage = properties.outageRetry();
        var exponential = new ExponentialBackOff(outage.initialBackoff().toMillis(), 2.0);
        exponential.setMaxInterval(outage.maxBackoff().toMillis());
        this.backOff = exponential;
    }

    @RabbitListener(id = "notifier-email-jobs", queues = "${polyclinic.notifier.jobs.queue:notifications.email}")
    void onJob(Message message) {
        EmailJob job;
        try {
            job = messages.read(EmailJob.CONTRACT, messages.parse(message.getBody(), maxJobBytes), emailJob);
        } catch (InvalidMessageException e) {
            log.warn("Dead-lettering a malformed email job: {}", e.getMessage());
            deadLetters.recover(message, e);
            return;
        }
        BackOffExecution pauses = backOff.start();
        int unexpectedFailures = 0;
        while (true) {
            try {
                service.accept(job);
                return;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) && ++unexpectedFailures > retryAttempts) {
                    log.error("Dead-lettering email job {} after {} attempts", job.id(), unexpectedFailures, e);
                    deadLetters.recover(message, e);
                    return;
                }
                long pause = pauses.nextBackOff();
                log.warn("Email job {} not recorded, trying again in {} ms: {}", job.id(), pause, e.toString());
                sleep(pause, e);
            }
        }
    }

    private static void sleep(long millis, RuntimeException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The container is stopping: the message goes back to the queue, never to the dead letters.
            throw new ImmediateRequeueAmqpException("Stopped while waiting to record an email job", failure);
        }
    }
}
