package io.polyclinic.testkit.kafka;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Consumers that read topics as a new consumer of a service's events would: a fresh group, from the first record. */
public final class KafkaTestConsumers {

    private KafkaTestConsumers() {}

    /** String keys and values, a new group that starts at the earliest offsets and commits nothing; close it. */
    public static KafkaConsumer<String, String> fromTheStart(String bootstrapServers) {
        return fromTheStart(bootstrapServers, new StringDeserializer());
    }

    /** String keys, values read by {@code values}, a new group from the earliest offsets, no commits; close it. */
    public static <V> KafkaConsumer<String, V> fromTheStart(String bootstrapServers, Deserializer<V> values) {
        return new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                values);
    }
}
