package io.polyclinic.platform.outbox;

import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends outbox messages to the Kafka topic named by their destination (every destination but {@code audit}): record
 * key = the message key, value = the payload (the event envelope JSON), headers {@code id} and {@code type}, and
 * {@code traceparent} (W3C Trace Context) when the row has one: the trace of the request that wrote the row, so an
 * observed consumer continues that trace although the relay sends later from its own thread. It returns when the
 * broker acknowledged every record ({@code acks=all}, idempotent producer, so a retry inside the producer neither
 * duplicates nor reorders records of one partition).
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
            sent.add(kafka.send(record));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the producer (the bean's destroy method). */
    @Override
    public void close() {
        kafka.getProducerFactory().reset();
    }
}
