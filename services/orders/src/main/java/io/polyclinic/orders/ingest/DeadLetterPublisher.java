package io.polyclinic.orders.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Puts rejected records on the dead-letter topic ({@code orders.dlt}) and waits until Kafka has them, so that the
 * batch's offsets are committed only after its dead letters are safe. A dead letter keeps the record's key, headers
 * and value (cut to {@code max-dead-letter-bytes}, the original size in {@code orders-dlt-original-size}), and carries
 * the reason the way Spring Kafka's dead-letter recoverer does, plus a reason code:
 *
 * <ul>
 *   <li>{@code orders-dlt-reason}: the code ({@code malformed-json}, {@code schema}, {@code rule}, ...);
 *   <li>{@code kafka_dlt-exception-message}: what is wrong (field paths and rules, no personal values);
 *   <li>{@code kafka_dlt-exception-fqcn}: {@link InvalidOrderException};
 *   <li>{@code kafka_dlt-original-topic}, {@code -partition} (4-byte int), {@code -offset} (8-byte long).
 * </ul>
 */
public final class DeadLetterPublisher {

    /** Header with the reason code. */
    public static final String REASON_HEADER = "orders-dlt-reason";

    /** Header with the original value's size in bytes when the value was cut. */
    public static final String ORIGINAL_SIZE_HEADER = "orders-dlt-original-size";

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final int maxBytes;

    /**
     * @param kafka a template with String keys and byte[] values
     * @param topic the dead-letter topic
     * @param maxBytes how much of a value is kept
     */
    public DeadLetterPublisher(KafkaTemplate<String, byte[]> kafka, String topic, int maxBytes) {
        this.kafka = kafka;
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    /**
     * Publishes one dead letter per rejection and waits for all of them.
     *
     * @throws KafkaException when Kafka did not take them within 30 s; the batch is then retried
     */
    public void publish(List<ConsumerRecord<String, byte[]>> batch, List<Rejection> rejections) {
        var sends = new ArrayList<CompletableFuture<?>>();
        for (var rejection : rejections) {
            sends.add(kafka.send(deadLetter(batch.get(rejection.index()), rejection.failure())));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Dead letters were not acknowledged", e);
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(
            ConsumerRecord<String, byte[]> record, InvalidOrderException why) {
        var headers = new RecordHeaders(record.headers().toArray());
        var value = record.value();
        if (value != null && value.length > maxBytes) {
            headers.add(ORIGINAL_SIZE_HEADER, utf8(Integer.toString(value.length)));
            value = Arrays.copyOf(value, maxBytes);
        }
        headers.add(REASON_HEADER, utf8(why.reason().code()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(why.getMessage()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(InvalidOrderException.class.getName()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        return new ProducerRecord<>(topic, null, record.key(), value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
