package io.polyclinic.platform.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead-letter side of a batch consumer that judges its records itself (String keys, byte[] values): a record it
 * will not store goes to the dead-letter topic with the reason, and the batch's offsets are committed only once Kafka
 * has every dead letter. Used from a {@code @KafkaListener(batch = "true")} method through
 * {@link #consume(List, Function)}: the consumer's service stores the batch in one transaction and returns its
 * {@link RejectedRecord}s; then they are published and the method returns, so the container commits. A crash in
 * between redelivers the batch (the service must recognise what it stored); a failure that is no record's fault is
 * thrown and left to the container's error handler, which retries the batch.
 *
 * <p>A dead letter keeps the record's key and value, the value cut to {@code maxValueBytes}, and says why in headers
 * the way Spring Kafka's {@code DeadLetterPublishingRecoverer} does, in this order:
 *
 * <ul>
 *   <li>the record's own headers, only when {@link Builder#keepingHeaders()};
 *   <li>{@link Builder#originalSizeHeader(String)}: the value's size in bytes (decimal text), only when it was cut
 *       and the header is configured;
 *   <li>the reason header (the consumer's own name, e.g. {@code orders-dlt-reason}): {@link RejectedRecord#reason()};
 *   <li>{@code kafka_dlt-exception-message}: {@link RejectedRecord#detail()};
 *   <li>{@code kafka_dlt-exception-fqcn}: the class named by {@link Builder#exceptionClass(Class)}, when set;
 *   <li>{@code kafka_dlt-original-topic}, {@code -partition} (4-byte big-endian int), {@code -offset} (8-byte long).
 * </ul>
 *
 * <p>Each dead-lettered record is logged at WARN with its topic, partition, offset and reason code only: the record
 * and the detail may hold personal data. Thread-safe once built.
 */
public final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    /** How long {@link #publish(List, List)} waits for Kafka's acknowledgements, in seconds. */
    public static final int ACKNOWLEDGEMENT_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final String reasonHeader;
    private final int maxValueBytes;
    private final boolean keepHeaders;
    private final String originalSizeHeader;
    private final String exceptionClassName;
    private final String recordName;

    private DeadLetterPublisher(Builder builder) {
        this.kafka = builder.kafka;
        this.topic = builder.topic;
        this.reasonHeader = builder.reasonHeader;
        this.maxValueBytes = builder.maxValueBytes;
        this.keepHeaders = builder.keepHeaders;
        this.originalSizeHeader = builder.originalSizeHeader;
        this.exceptionClassName = builder.exceptionClassName;
        this.recordName = builder.recordName;
    }

    /**
     * Starts a publisher's settings.
     *
     * @param kafka a template with String keys and byte[] values (acknowledgements as its producer is configured)
     * @param topic the dead-letter topic, e.g. {@code orders.dlt}
     * @param reasonHeader the header that carries {@link RejectedRecord#reason()}, e.g. {@code orders-dlt-reason}
     */
    public static Builder builder(KafkaTemplate<String, byte[]> kafka, String topic, String reasonHeader) {
        return new Builder(kafka, topic, reasonHeader);
    }

    /**
     * Runs one batch through {@code store} and dead-letters what it rejects; returns when the dead letters are safe,
     * so that the listener's container may commit the batch's offsets.
     *
     * @param batch the batch as the listener received it, in offset order
     * @param store stores the records' values (in batch order, {@code null} for a record without a value) and
     *     returns the records it did not store, by index into the batch
     * @throws KafkaException when Kafka did not take the dead letters; anything {@code store} throws, unchanged
     */
    public void consume(
            List<ConsumerRecord<String, byte[]>> batch, Function<List<byte[]>, List<RejectedRecord>> store) {
        var rejections = store.apply(batch.stream().map(ConsumerRecord::value).toList());
        if (!rejections.isEmpty()) {
            publish(batch, rejections);
        }
    }

    /**
     * Publishes one dead letter per rejection and waits for all of them, then logs each record's coordinates and
     * reason.
     *
     * @param batch the batch the rejections index into
     * @param rejections the records not stored
     * @throws KafkaException when Kafka did not take them within {@value #ACKNOWLEDGEMENT_TIMEOUT_SECONDS} s (or the
     *     thread was interrupted); the batch is then to be retried
     * @throws IndexOutOfBoundsException when a rejection's index is outside the batch
     */
    public void publish(List<ConsumerRecord<String, byte[]>> batch, List<RejectedRecord> rejections) {
        var sends = rejections.stream()
                .map(rejection -> kafka.send(deadLetter(batch.get(rejection.index()), rejection)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(ACKNOWLEDGEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing dead letters to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Dead letters to " + topic + " were not acknowledged", e);
        }
        for (var rejection : rejections) {
            var record = batch.get(rejection.index());
            log.warn(
                    "{} {}-{}@{} dead-lettered: {}",
                    recordName,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    rejection.reason());
        }
    }

    /** The dead letter of {@code source}, as described in the class comment. */
    ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> source, RejectedRecord why) {
        var headers = keepHeaders ? new RecordHeaders(source.headers().toArray()) : new RecordHeaders();
        var value = source.value();
        if (value != null && value.length > maxValueBytes) {
            if (originalSizeHeader != null) {
                headers.add(originalSizeHeader, utf8(Integer.toString(value.length)));
            }
            value = Arrays.copyOf(value, maxValueBytes);
        }
        headers.add(reasonHeader, utf8(why.reason()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(why.detail()));
        if (exceptionClassName != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(exceptionClassName));
        }
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(source.topic()));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
        return new ProducerRecord<>(topic, null, source.key(), value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The settings of a {@link DeadLetterPublisher}; the defaults keep whole values and add only the headers above. */
    public static final class Builder {

        private final KafkaTemplate<String, byte[]> kafka;
        private final String topic;
        private final String reasonHeader;
        private int maxValueBytes = Integer.MAX_VALUE;
        private boolean keepHeaders;
        private String originalSizeHeader;
        private String exceptionClassName;
        private String recordName = "Record";

        private Builder(KafkaTemplate<String, byte[]> kafka, String topic, String reasonHeader) {
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.reasonHeader = Objects.requireNonNull(reasonHeader, "reasonHeader");
        }

        /**
         * How much of a value a dead letter keeps, in bytes (default: all).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxValueBytes(int maxValueBytes) {
            if (maxValueBytes < 0) {
                throw new IllegalArgumentException("maxValueBytes " + maxValueBytes + " < 0");
            }
            this.maxValueBytes = maxValueBytes;
            return this;
        }

        /** Dead letters start with a copy of the record's own headers (default: they do not). */
        public Builder keepingHeaders() {
            this.keepHeaders = true;
            return this;
        }

        /** The header that carries a cut value's original size (default: none). */
        public Builder originalSizeHeader(String name) {
            this.originalSizeHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The exception class named in {@code kafka_dlt-exception-fqcn} (default: no such header). */
        public Builder exceptionClass(Class<? extends Throwable> type) {
            this.exceptionClassName = type.getName();
            return this;
        }

        /** What the log calls a record, e.g. {@code Order record} (default {@code Record}). */
        public Builder recordName(String name) {
            this.recordName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The publisher with these settings. */
        public DeadLetterPublisher build() {
            return new DeadLetterPublisher(this);
        }
    }
}
