package io.polyclinic.orders.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.orders.DeadLetters;
import io.polyclinic.orders.OrdersTest;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Offsets move only after the orders are stored, and a batch read again (after a crash between the database commit
 * and the offset commit, played here by moving the group's offsets back) stores nothing twice and loses nothing.
 */
class RedeliveryTest extends OrdersTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry metrics;

    @Test
    void ordersReadAgainFromTheStartAreNeitherLostNorDoubled() throws Exception {
        var uids = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            var order = freshOrder();
            uids.add(uid(order));
            producer().send(new org.apache.kafka.clients.producer.ProducerRecord<>("orders", uid(order), bytes(order)));
        }
        producer().flush();
        Awaitility.await().atMost(WAIT).until(() -> storedCount(uids) == uids.size());

        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaServer.shared().bootstrapServers()))) {
            var ends = endOffsets(admin);
            // Committed after the orders were stored: the group is at the end of every partition.
            Awaitility.await().atMost(WAIT).until(() -> committed(admin).equals(ends));

            var container = listeners.getListenerContainer("orders-ingest");
            container.stop();
            var start = new HashMap<TopicPartition, OffsetAndMetadata>();
            ends.keySet().forEach(partition -> start.put(partition, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets("orders", start).all().get();
            double duplicatesBefore = duplicates();
            container.start();

            Awaitility.await().atMost(WAIT).until(() -> committed(admin).equals(ends));
            assertThat(duplicates() - duplicatesBefore).isGreaterThanOrEqualTo(uids.size());
        }
        assertThat(storedCount(uids)).isEqualTo(uids.size());
        assertThat(DeadLetters.withKeys(uids)).isEmpty();
    }

    private long storedCount(java.util.List<String> uids) {
        return jdbc.sql("select count(*) from orders where order_uid = any(?::varchar[])")
                .param(uids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private double duplicates() {
        return metrics.get("polyclinic.orders.received")
                .tag("outcome", "duplicate")
                .counter()
                .count();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(java.util.List.of("orders"))
                .allTopicNames()
                .get()
                .get("orders")
                .partitions();
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(info -> request.put(new TopicPartition("orders", info.partition()), OffsetSpec.latest()));
        var ends = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        var committed = new HashMap<TopicPartition, Long>();
        admin.listConsumerGroupOffsets("orders")
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((partition, offset) -> {
                    if (partition.topic().equals("orders") && offset != null) {
                        committed.put(partition, offset.offset());
                    }
                });
        return committed;
    }
}
