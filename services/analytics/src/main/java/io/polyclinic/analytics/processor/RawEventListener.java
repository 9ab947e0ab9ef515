package io.polyclinic.analytics.processor;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes topic {@code analytics.raw-events} in batches (transport only): {@link EventProcessingService} stores the
 * batch in one transaction, then its rejected records go to the dead-letter topic, and only then does the method
 * return and the container commit the offsets. A crash in between redelivers the batch, whose events are then
 * recognised as stored and skipped; an outage of the database or Kafka is retried by the container's error handler
 * without limit, so nothing is lost and nothing skipped (decision 0048).
 */
public class RawEventListener {

    private static final Logger log = LoggerFactory.getLogger(RawEventListener.class);

    private final EventProcessingService processor;
    private final RawEventDeadLetters deadLetters;

    public RawEventListener(EventProcessingService processor, RawEventDeadLetters deadLetters) {
        this.processor = processor;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "analytics-processor",
            topics = "${polyclinic.analytics.processor.topic:analytics.raw-events}",
            groupId = "${spring.kafka.consumer.group-id:analytics}",
            batch = "true")
    void onRawEvents(List<ConsumerRecord<String, byte[]>> records) {
        var rejections =
                processor.process(records.stream().map(ConsumerRecord::value).toList());
        if (rejections.isEmpty()) {
            return;
        }
        deadLetters.publish(records, rejections);
        for (var rejection : rejections) {
            var record = records.get(rejection.index());
            // Coordinates and reason only: the record holds an IP address and a user agent.
            log.warn(
                    "Raw event {}-{}@{} dead-lettered: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    rejection.reason());
        }
    }
}
