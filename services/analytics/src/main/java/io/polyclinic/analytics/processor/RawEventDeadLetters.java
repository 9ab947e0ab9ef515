package io.polyclinic.analytics.processor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends rejected raw events to {@code analytics.raw-events.dlt} and waits for Kafka's acknowledgement, so a batch's
 * offsets are committed only once its dead letters are safe. A dead letter keeps the record's key and value (cut to
 * {@code max-dead-letter-bytes}; the topic keeps records 24 hours, like its source, since they hold IP addresses) and
 * says why in headers: {@value #REASON_HEADER} (the reason code), Spring Kafka's {@code kafka_dlt-exception-message}
 * (the detail) and {@code kafka_dlt-original-topic}/{@code -partition}/{@code -offset}.
 */
public class RawEventDeadLetters {

    /** The header with the reason code, e.g. {@code schema} or {@code unknown-site}. */
    public static final String REASON_HEADER = "analytics-dlt-reason";

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final int maxBytes;

    public RawEventDeadLetters(KafkaTemplate<String, byte[]> kafka, String topic, int maxBytes) {
        this.kafka = kafka;
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    /**
     * Publishes one dead letter per rejection and waits up to 30 s for all.
     *
     * @throws KafkaException when Kafka did not take them; the batch is then tried again
     */
    public void publish(List<ConsumerRecord<String, byte[]>> batch, List<Rejection> rejections) {
        var sends = rejections.stream()
                .map(rejection -> kafka.send(letter(batch.get(rejection.index()), rejection)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while dead-lettering raw events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Raw-event dead letters were not acknowledged", e);
        }
    }

    private ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> source, Rejection why) {
        var value = source.value();
        if (value != null && value.length > maxBytes) {
            var cut = new byte[maxBytes];
            System.arraycopy(value, 0, cut, 0, maxBytes);
            value = cut;
        }
        var letter = new ProducerRecord<>(topic, null, source.key(), value);
        var headers = letter.headers();
        headers.add(REASON_HEADER, why.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, why.detail().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(4).putInt(source.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(8).putLong(source.offset()).array());
        return letter;
    }
}
