package io.polyclinic.platform.outbox;

import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends outbox messages to the Kafka topic named by their destination (every destination but {@code audit}): record
 * key = the message key, value = the payload (the event envelope JSON), headers {@code id} and {@code type}, and
 * {@code traceparent} (W3C Trace Context) when the row has one: the trace of the request that wrote the row, so an
 * observed consumer continues that trace although the relay sends later from its own thread. It returns when the
 * broker acknowledged every record ({@code acks=all}, idempotent producer, so a retry inside the producer neither
 * duplicates nor reorders records of one partition). Records Kafka refuses for good are reported per message in a
 * {@link RejectedMessagesException}, so the relay marks just those dead.
 *
 * <p>Its template is not observed: an observed send would start a producer span in the relay's own trace and inject
 * that instead of the request's.
 */
public class KafkaOutboxSender implements OutboxSender, AutoCloseable {

    /** The destination of audit records, delivered by the audit service's sender instead. */
    public static final String AUDIT_DESTINATION = "audit";

    private final KafkaTemplate<String, String> kafka;
    private final Duration timeout;

    /**
     * @param timeout how long to wait for all acknowledgements of one batch
     */
    public KafkaOutboxSender(KafkaTemplate<String, String> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public boolean supports(String destination) {
        return !AUDIT_DESTINATION.equals(destination);
    }

    /**
     * Sends the batch and waits, at most {@code timeout} in all, for every acknowledgement.
     *
     * @throws RejectedMessagesException when Kafka refused some records for good ({@link #isPermanent}); the others
     *     were acknowledged unless its {@code transientFailure} says otherwise
     * @throws Exception any other failure (broker unreachable, timeout): the whole batch is tried again
     */
    @Override
    public void send(List<OutboxMessage> messages) throws Exception {
        var sent = new ArrayList<CompletableFuture<SendResult<String, String>>>(messages.size());
        for (var message : messages) {
            var record = new ProducerRecord<>(message.destination(), message.key(), message.payload());
            record.headers().add("id", message.id().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("type", message.type().getBytes(StandardCharsets.UTF_8));
            if (message.traceparent() != null) {
                record.headers()
                        .add(
                                TraceContextCarrier.TRACEPARENT,
                                message.traceparent().getBytes(StandardCharsets.UTF_8));
            }
            try {
                sent.add(kafka.send(record));
            } catch (RuntimeException e) {
                // Some producer checks throw at once instead of failing the future; the record counts the same.
                sent.add(CompletableFuture.failedFuture(e));
                if (!isPermanent(e)) {
                    // The broker is out of reach (metadata timed out): every further send would wait as long.
                    break;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        var rejected = new LinkedHashMap<UUID, String>();
        Exception transientFailure = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                var cause = e.getCause() == null ? e : e.getCause();
                var permanent = permanentCause(cause);
                if (permanent != null) {
                    rejected.put(
                            messages.get(i).id(), permanent.getClass().getSimpleName() + ": " + permanent.getMessage());
                } else if (transientFailure == null) {
                    transientFailure = cause instanceof Exception exception ? exception : e;
                }
            } catch (TimeoutException e) {
                if (transientFailure == null) {
                    transientFailure = e;
                }
            }
        }
        if (transientFailure == null && sent.size() < messages.size()) {
            transientFailure = new IllegalStateException(
                    (messages.size() - sent.size()) + " message(s) not sent after a failed send");
        }
        if (!rejected.isEmpty()) {
            throw new RejectedMessagesException(rejected, transientFailure);
        }
        if (transientFailure != null) {
            throw transientFailure;
        }
    }

    /**
     * Whether Kafka refused the record for good, so that sending it again can never succeed: a record over the size
     * limits, an invalid topic name, a topic or cluster the service is not authorized for, a record that cannot be
     * serialized or that the broker finds invalid. Everything else (unreachable broker, leader change, timeout) may
     * pass.
     */
    public static boolean isPermanent(Throwable failure) {
        return permanentCause(failure) != null;
    }

    private static Throwable permanentCause(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException
                    || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException
                    || cause instanceof AuthorizationException
                    || cause instanceof SerializationException
                    || cause instanceof InvalidRecordException
                    || cause instanceof UnsupportedForMessageFormatException) {
                return cause;
            }
        }
        return null;
    }

    /** Closes the producer (the bean's destroy method). */
    @Override
    public void close() {
        kafka.getProducerFactory().reset();
    }
}
