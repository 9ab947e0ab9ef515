package io.polyclinic.orders.ingest;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes topic {@code orders} in batches (transport only). For each batch: {@link OrderIngestService} stores the
 * valid orders in one transaction, then the rejected records go to the dead-letter topic, and only when both are done
 * does the method return and the container commit the batch's offsets. A crash in between redelivers the batch,
 * whose orders are then recognised as stored; a failure that is no record's fault is retried by the container's error
 * handler, without limit (see {@code OrdersKafkaConfiguration}). A record without a key is handled like any other.
 */
@Component
public class OrderListener {

    private static final Logger log = LoggerFactory.getLogger(OrderListener.class);

    private final OrderIngestService service;
    private final DeadLetterPublisher deadLetters;

    public OrderListener(OrderIngestService service, DeadLetterPublisher deadLetters) {
        this.service = service;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "orders-ingest",
            topics = "${polyclinic.orders.ingest.topic:orders}",
            groupId = "${spring.kafka.consumer.group-id:orders}",
            batch = "true")
    void onOrders(List<ConsumerRecord<String, byte[]>> records) {
        var rejections =
                service.ingest(records.stream().map(ConsumerRecord::value).toList());
        if (rejections.isEmpty()) {
            return;
        }
        deadLetters.publish(records, rejections);
        for (var rejection : rejections) {
            var record = records.get(rejection.index());
            // Topic, partition, offset and reason code only: the record and the detail may hold personal data.
            log.warn(
                    "Order record {}-{}@{} dead-lettered: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    rejection.failure().reason().code());
        }
    }
}
