package io.polyclinic.dev;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the dev stack's topics as a consumer of its own would: a new consumer group, from the first record. */
final class KafkaReader {

    private KafkaReader() {}

    /** A consumer of String keys and values in a fresh group that starts at the earliest offsets; close it. */
    static KafkaConsumer<String, String> fromTheStart(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dev-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
