package io.polyclinic.booking.event;

import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a topic from its beginning, as a consumer in a group of its own would. */
final class KafkaEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record: its key, partition and offset, the parsed value and its {@code type} header. */
    record Event(String key, int partition, long offset, JsonNode value, String typeHeader) {
        String type() {
            return value.get("type").asString();
        }

        JsonNode data() {
            return value.get("data");
        }
    }

    private KafkaEvents() {}

    /**
     * Polls until {@code expected} matching records arrived (or {@code timeout} passed), then keeps polling for
     * {@code settle} to catch duplicates; returns the matching records in (partition, offset) order.
     */
    static List<Event> await(
            String bootstrapServers,
            String topic,
            Predicate<Event> matching,
            int expected,
            Duration timeout,
            Duration settle) {
        var found = new ArrayList<Event>();
        try (var consumer = KafkaTestConsumers.fromTheStart(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    var header = record.headers().lastHeader("type");
                    var event = new Event(
                            record.key(),
                            record.partition(),
                            record.offset(),
                            JSON.readTree(record.value()),
                            header == null
                                    ? null
                                    : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                    if (matching.test(event)) {
                        found.add(event);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        found.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return found;
    }
}
