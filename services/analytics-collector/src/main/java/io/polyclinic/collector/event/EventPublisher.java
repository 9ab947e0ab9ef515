package io.polyclinic.collector.event;

import io.polyclinic.contracts.analytics.RawEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a {@link RawEvent} to {@link RawEvent#TOPIC}, keyed by its tracking id, and waits for the broker's
 * acknowledgement (the producer is set to {@code acks=all} with idempotence). Returns only once the event is in Kafka;
 * otherwise throws {@link EventsUnavailableException}, so the client is never told 202 for an event Kafka lacks.
 */
public final class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Duration timeout;

    /** @param timeout the longest wait for the acknowledgement; keep it above the producer's delivery timeout */
    public EventPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Duration timeout) {
        this.kafka = kafka;
        this.json = json;
        this.timeout = timeout;
    }

    void publish(RawEvent event) {
        var value = json.writeValueAsBytes(event);
        try {
            kafka.send(RawEvent.TOPIC, event.trackingId(), value).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventsUnavailableException();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new EventsUnavailableException();
        }
    }
}
