package io.polyclinic.collector.event;

import io.polyclinic.contracts.analytics.RawEvent;
import java.util.concurrent.ExecutionException;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a {@link RawEvent} to {@link RawEvent#TOPIC}, keyed by its tracking id, and waits for the broker's
 * acknowledgement (the producer is set to {@code acks=all} with idempotence). Returns only once the event is in Kafka;
 * otherwise throws {@link EventsUnavailableException}, so the client is never told 202 for an event Kafka lacks.
 *
 * <p>The wait has no timer of its own: the producer bounds it. {@code send} blocks at most {@code max.block.ms} for
 * metadata or buffer space, and the returned future completes, with the acknowledgement or an error, within
 * {@code delivery.timeout.ms} (3 s and 5 s in the collector's settings). A timed wait would cost every event a
 * scheduled task on a virtual thread for a deadline the producer already keeps.
 */
public final class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void publish(RawEvent event) {
        var value = json.writeValueAsBytes(event);
        try {
            kafka.send(RawEvent.TOPIC, event.trackingId(), value).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventsUnavailableException();
        } catch (ExecutionException | RuntimeException e) {
            throw new EventsUnavailableException();
        }
    }
}
