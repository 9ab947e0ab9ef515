package io.polyclinic.notifier.job;

import io.polyclinic.contracts.jobs.EmailJob;
import io.polyclinic.notifier.mail.Channel;
import io.polyclinic.notifier.mail.MailDeliveryService;
import io.polyclinic.notifier.mail.OutgoingEmail;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts email jobs: records the job's email in the outbox under an id derived from the job id (so a job delivered
 * twice is sent once), then has it sent soon. Once recorded, the email is the outbox's to deliver: its send is retried
 * without limit until it is SENT, or FAILED for a permanent reason (see {@link MailDeliveryService}), so the queue
 * message can be acknowledged as soon as the record is committed, and an SMTP outage never dead-letters a job.
 */
@Service
public class EmailJobService {

    private static final Logger log = LoggerFactory.getLogger(EmailJobService.class);

    private final MailDeliveryService delivery;
    private final TraceContextCarrier trace;

    public EmailJobService(MailDeliveryService delivery, TraceContextCarrier trace) {
        this.delivery = delivery;
        this.trace = trace;
    }

    /**
     * Records the job's email unless the job was recorded before, and sends it soon.
     *
     * @throws org.springframework.dao.DataAccessException when the database could not record it (the caller retries)
     */
    public void accept(EmailJob job) {
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
        if (delivery.record(email, delivery.firstAttempt(), trace.currentTraceId())) {
            delivery.deliverSoon(email.id());
        } else {
            log.info("Email job {} was recorded before; acknowledging the duplicate", job.id());
        }
    }
}
