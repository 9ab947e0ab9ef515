package io.polyclinic.notifier.mail;

import io.polyclinic.notifier.retry.Failures;
import io.polyclinic.notifier.shared.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;

/**
 * Sends emails from the outbox ({@code email} table). "Record first, then send": the cause (event, job, reminder)
 * is recorded with its email as PENDING in one transaction; this service then claims the row for
 * {@code delivery.claim-lease} in one short statement, sends over SMTP with no transaction open and no pooled
 * connection held, and marks the outcome in another short statement (decision 0029). The claim means two workers
 * never send one email at once. A crash after the SMTP server accepted the message but before SENT was committed
 * sends it once more when the lease ran out, with the same Message-ID (decision 0020): at-least-once at the SMTP hop,
 * exactly-once per event everywhere else.
 *
 * <p>Every PENDING email is retried, with doubling backoff capped at {@code delivery.max-backoff} and without limit,
 * until it is SENT; only a permanent failure ({@link Failures#isPermanentMailFailure}, e.g. the SMTP server refusing
 * the recipient with a 5xx reply) marks it FAILED.
 */
@Service
public class MailDeliveryService {

    private static final Logger log = LoggerFactory.getLogger(MailDeliveryService.class);
    private static final int RELAY_BATCH = 50;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final int SENDERS = 2;
    private static final int SEND_QUEUE = 1000;

    private final EmailRepository emails;
    private final SmtpMailer mailer;
    private final MailMetrics metrics;
    private final NotifierProperties.Delivery settings;
    private final Clock clock;
    /**
     * Sends recorded emails off the consumer threads, so a slow SMTP server never stalls a Kafka poll loop. Bounded:
     * what does not fit is left to the relay.
     */
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(
            SENDERS,
            SENDERS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(SEND_QUEUE),
            Thread.ofPlatform().name("mail-sender-", 0).daemon().factory(),
            new ThreadPoolExecutor.DiscardPolicy());

    public MailDeliveryService(
            EmailRepository emails,
            SmtpMailer mailer,
            MailMetrics metrics,
            NotifierProperties properties,
            Clock clock) {
        this.emails = emails;
        this.mailer = mailer;
        this.metrics = metrics;
        this.settings = properties.delivery();
        this.clock = clock;
    }

    /** Tries to send the email now, if it is still pending and nobody else is sending it; a failure gets a retry time. */
    public DeliveryResult deliver(UUID id) {
        var stored = emails.claimPending(id, clock.instant().plus(settings.claimLease()));
        if (stored.isEmpty()) {
            return DeliveryResult.notPending();
        }
        var email = stored.get().email();
        try {
            mailer.send(email);
        } catch (MailException e) {
            int attempts = stored.get().attempts() + 1;
            var error = describe(e);
            boolean giveUp = Failures.isPermanentMailFailure(e);
            var next = giveUp ? null : clock.instant().plus(backoff(attempts));
            emails.markAttemptFailed(id, error, next, giveUp);
            metrics.failed(email);
            // Ids only: the address, the subject and the server's reply (which may quote the address) stay in the
            // email row.
            log.warn(
                    "Email {} ({}) failed, attempt {}{}: {}",
                    id,
                    email.template(),
                    attempts,
                    giveUp ? ", refused for good: FAILED" : "",
                    e.getClass().getSimpleName());
            return DeliveryResult.failed(error);
        }
        emails.markSent(id, clock.instant());
        metrics.sent(email);
        log.info("Sent email {} ({}, {})", id, email.channel(), email.template());
        return DeliveryResult.sent();
    }

    /**
     * Sends a recorded email soon, on a sender thread; if that fails, or the process stops first, the relay sends it
     * later (it is PENDING with a due retry time).
     */
    public void deliverSoon(UUID id) {
        senders.execute(() -> {
            try {
                deliver(id);
            } catch (RuntimeException e) {
                log.warn("Email {} could not be sent now; the relay retries it", id, e);
            }
        });
    }

    /** Lets sends in progress finish (bounded by the SMTP timeouts) when the service stops. */
    @jakarta.annotation.PreDestroy
    void stopSenders() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(20, TimeUnit.SECONDS);
    }

    /** The relay: sends every pending email whose (re)try is due. Returns how many were sent. */
    public int deliverDue() {
        int sent = 0;
        for (var id : emails.due(clock.instant(), RELAY_BATCH)) {
            if (deliver(id).outcome() == DeliveryResult.Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    /** Doubling from the initial backoff, capped. */
    Duration backoff(int attempts) {
        var wait = settings.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /**
     * Records an email to send, in the caller's transaction, unless an email with its id is recorded already (a
     * redelivered event or job, a repeated reminder run).
     *
     * @param firstAttemptAt when the relay may first send it ({@link #firstAttempt()} for "now")
     * @param traceId the trace to continue when it is sent, or null
     * @return true when recorded now; false for a duplicate
     */
    public boolean record(OutgoingEmail email, Instant firstAttemptAt, String traceId) {
        return emails.insertIfAbsent(email, firstAttemptAt, traceId);
    }

    /** The instant an email recorded now may first be sent by the relay (now: the caller sends it at once). */
    public Instant firstAttempt() {
        return clock.instant();
    }

    private static String describe(Exception e) {
        var text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
