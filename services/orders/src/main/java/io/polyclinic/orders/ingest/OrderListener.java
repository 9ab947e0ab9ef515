package io.polyclinic.orders.ingest;

import io.polyclinic.platform.kafka.DeadLetterPublisher;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes topic {@code orders} in batches (transport only). For each batch: {@link OrderIngestService} stores the
 * valid orders in one transaction, then the rejected records go to the dead-letter topic, and only when both are done
 * does the method return and the container commit the batch's offsets. A crash in between redelivers the batch,
 * whose orders are then recognised as stored; a failure that is no record's fault is retried by the container's error
 * handler, without limit (see {@code OrdersKafkaConfiguration}). A record without a key is handled like any other.
 * The dead letters and their log lines (topic, partition, offset and reason code only: the record and the detail may
 * hold personal data) are the platform's {@link DeadLetterPublisher}'s.
 */
@Component
public class OrderListener {

    /** The dead letters' header with the reason code ({@link InvalidOrderException.Reason#code()}). */
    public static final String REASON_HEADER = "orders-dlt-reason";

    /** The dead letters' header with the original value's size in bytes, when the value was cut. */
    public static final String ORIGINAL_SIZE_HEADER = "orders-dlt-original-size";

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
        deadLetters.consume(records, service::ingest);
    }
}
