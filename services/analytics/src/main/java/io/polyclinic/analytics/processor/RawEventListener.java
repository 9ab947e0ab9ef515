package io.polyclinic.analytics.processor;

import io.polyclinic.platform.kafka.DeadLetterPublisher;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes topic {@code analytics.raw-events} in batches (transport only): {@link EventProcessingService} stores the
 * batch in one transaction, then its rejected records go to the dead-letter topic, and only then does the method
 * return and the container commit the offsets. A crash in between redelivers the batch, whose events are then
 * recognised as stored and skipped; an outage of the database or Kafka is retried by the container's error handler
 * without limit, so nothing is lost and nothing skipped (decision 0048). The dead letters and their log lines (topic,
 * partition, offset and reason only: the record holds an IP address and a user agent) are the platform's
 * {@link DeadLetterPublisher}'s.
 */
public class RawEventListener {

    /** The dead letters' header with the reason code, e.g. {@code schema} or {@code unknown-site}. */
    public static final String REASON_HEADER = "analytics-dlt-reason";

    private final EventProcessingService processor;
    private final DeadLetterPublisher deadLetters;

    public RawEventListener(EventProcessingService processor, DeadLetterPublisher deadLetters) {
        this.processor = processor;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "analytics-processor",
            topics = "${polyclinic.analytics.processor.topic:analytics.raw-events}",
            groupId = "${spring.kafka.consumer.group-id:analytics}",
            batch = "true",
            autoStartup = "${polyclinic.analytics.processor.auto-startup:true}")
    void onRawEvents(List<ConsumerRecord<String, byte[]>> records) {
        deadLetters.consume(records, processor::process);
    }
}
