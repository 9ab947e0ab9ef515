package io.polyclinic.notifier;

import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.util.List;

/**
 * Where the notifier's tests get Kafka from: the JVM's shared in-process KRaft broker of the testkit, with the
 * notifier's topics created once.
 */
public final class KafkaTestBroker {

    private static boolean topicsCreated;

    private KafkaTestBroker() {}

    /** The bootstrap servers of the JVM's broker, with {@code booking.events} and its dead-letter topic. */
    public static synchronized String bootstrapServers() {
        var broker = EmbeddedKafkaServer.shared();
        if (!topicsCreated) {
            broker.createTopics(List.of("booking.events", "booking.events.dlt"), 1);
            topicsCreated = true;
        }
        return broker.bootstrapServers();
    }
}
