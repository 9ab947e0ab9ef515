package io.polyclinic.notifier.job;

import io.polyclinic.notifier.mail.Channel;
import io.polyclinic.notifier.mail.EmailRepository;
import io.polyclinic.notifier.mail.EmailStatus;
import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends email jobs: records the job's email under an id derived from the job id (so a job delivered twice is sent
 * once), then sends it before returning, so the queue message is acknowledged only after the SMTP server accepted
 * the email. A failed send throws {@link JobDeliveryException} and the queue's retries take over.
 */
@Service
public class EmailJobService {

    private static final Logger log = LoggerFactory.getLogger(EmailJobService.class);

    private final EmailRepository emails;
    private final MailDeliveryService delivery;
    private final TraceContextCarrier trace;

    public EmailJobService(EmailRepository emails, MailDeliveryService delivery, TraceContextCarrier trace) {
        this.emails = emails;
        this.delivery = delivery;
        this.trace = trace;
    }

    /**
     * Sends the job's email unless it was sent before.
     *
     * @throws JobDeliveryException when the send failed (SMTP down or refusing), or another worker is sending the
     *     same job right now
     */
    public void send(EmailJob job) {
        var email = new OutgoingEmail(
                OutgoingEmail.idFor("job:" + job.id()),
                Channel.JOB,
                "job",
                job.to(),
                job.subject(),
                job.text(),
                job.html(),
                null,
                null);
        emails.insertIfAbsent(email, null, trace.currentTraceId());
        var result = delivery.deliver(email.id());
        switch (result.outcome()) {
            case SENT -> {}
            case FAILED -> throw new JobDeliveryException("Email job " + job.id() + " failed: " + result.error());
            case NOT_PENDING -> {
                if (emails.status(email.id()).orElse(null) == EmailStatus.SENT) {
                    log.info("Email job {} was sent before; acknowledging the duplicate", job.id());
                } else {
                    throw new JobDeliveryException("Email job " + job.id() + " is being sent by another worker");
                }
            }
            default -> throw new IllegalStateException("Unknown outcome " + result.outcome());
        }
    }
}
