package io.polyclinic.orders;

import io.polyclinic.contracts.orders.Order;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the orders service's Spring tests: ONE shared context (same annotations everywhere, so Spring caches it) on
 * a fresh embedded PostgreSQL database and the JVM's real KRaft Kafka broker, whose topics {@code orders} and
 * {@code orders.dlt} the service creates. Tests tell their orders apart by fresh {@code order_uid}s.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.orders.ingest.outage-initial-backoff=100ms",
            "polyclinic.orders.ingest.outage-max-backoff=500ms",
            "polyclinic.orders.reference-endpoint.enabled=true"
        })
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            TestJwtIssuer.Initializer.class,
            EmbeddedKafkaInitializer.class
        })
public abstract class OrdersTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected JdbcClient jdbc;

    /** The reference order's bytes as in libs/contracts. */
    protected static byte[] sampleBytes() {
        try (var in = Order.class.getClassLoader().getResourceAsStream(Order.SAMPLE_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference order as a tree, under a fresh {@code order_uid} (also its payment's transaction). */
    protected static ObjectNode freshOrder() {
        var order = (ObjectNode) JSON.readTree(sampleBytes());
        var uid = "t" + UUID.randomUUID().toString().replace("-", "");
        order.put("order_uid", uid);
        ((ObjectNode) order.get("payment")).put("transaction", uid);
        return order;
    }

    protected static String uid(ObjectNode order) {
        return order.get("order_uid").asString();
    }

    protected static byte[] bytes(ObjectNode order) {
        return JSON.writeValueAsBytes(order);
    }

    /** Sends a record to {@code orders} (partition chosen by key, or the given one) and waits for the broker's ack. */
    protected static void publish(Integer partition, String key, byte[] value) {
        try {
            producer()
                    .send(new ProducerRecord<>("orders", partition, key, value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka refused the record", e);
        }
    }

    protected static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    EmbeddedKafkaServer.shared().bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void closeProducer() {
        synchronized (OrdersTest.class) {
            if (producer != null) {
                producer.close();
                producer = null;
            }
        }
    }

    /** How many orders with this uid are stored (0 or 1). */
    protected long stored(String orderUid) {
        return jdbc.sql("select count(*) from orders where order_uid = ?")
                .param(orderUid)
                .query(Long.class)
                .single();
    }
}
