package io.polyclinic.notifier.event;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code booking.events} (transport only). The offset is committed after {@link BookingEventService}
 * returns; a malformed event, or one that breaks its JSON Schema, throws
 * {@link io.polyclinic.notifier.contract.InvalidMessageException}, which the error handler sends straight to the
 * dead-letter topic with the reason; a database outage is retried on the same record for as long as it lasts; any
 * other failure is retried a few times, then dead-lettered (see {@code KafkaConfiguration}).
 */
@Component
public class BookingEventListener {

    private final BookingEventService service;

    public BookingEventListener(BookingEventService service) {
        this.service = service;
    }

    @KafkaListener(
            id = "notifier-booking-events",
            topics = "${polyclinic.notifier.events.topic:booking.events}",
            groupId = "${spring.kafka.consumer.group-id:notifier}")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        service.handle(record.value());
    }
}
