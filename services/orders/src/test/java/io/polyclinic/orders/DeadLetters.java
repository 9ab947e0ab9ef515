package io.polyclinic.orders;

import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** Reads {@code orders.dlt} from the start, as an operator would. */
public final class DeadLetters {

    private DeadLetters() {}

    /** Waits until dead letters with every one of {@code keys} arrived; returns them by key. */
    public static Map<String, ConsumerRecord<String, byte[]>> await(List<String> keys, Duration wait) {
        var found = new HashMap<String, ConsumerRecord<String, byte[]>>();
        try (var consumer = KafkaTestConsumers.fromTheStart(
                EmbeddedKafkaServer.shared().bootstrapServers(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("orders.dlt"));
            Awaitility.await().atMost(wait).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && keys.contains(record.key())) {
                        found.put(record.key(), record);
                    }
                }
                return found.keySet().containsAll(keys);
            });
        }
        return found;
    }

    /** Every dead letter so far whose key is one of {@code keys} (reads to the end of the topic). */
    public static List<ConsumerRecord<String, byte[]>> withKeys(List<String> keys) {
        try (var consumer = KafkaTestConsumers.fromTheStart(
                EmbeddedKafkaServer.shared().bootstrapServers(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("orders.dlt"));
            var found = new java.util.ArrayList<ConsumerRecord<String, byte[]>>();
            int emptyPolls = 0;
            while (emptyPolls < 5) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (records.isEmpty()) {
                    emptyPolls++;
                }
                for (var record : records) {
                    if (record.key() != null && keys.contains(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        }
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
