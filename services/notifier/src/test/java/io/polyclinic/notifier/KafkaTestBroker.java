package io.polyclinic.notifier;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The ONE place the notifier's tests get Kafka from: a real single-node KRaft broker (spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}) on a free port, one per test JVM. When the testkit's shared embedded Kafka lands,
 * only this class changes.
 */
public final class KafkaTestBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private KafkaTestBroker() {}

    /** The bootstrap servers of the JVM's broker, started on first use and stopped when the JVM exits. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            var started = new EmbeddedKafkaKraftBroker(1, 1, "booking.events", "booking.events.dlt");
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
