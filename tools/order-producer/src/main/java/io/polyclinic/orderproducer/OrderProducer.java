package io.polyclinic.orderproducer;

import io.polyclinic.contracts.orders.Order;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer command (S8): publishes generated WB L0 orders to Kafka topic {@code orders}, keyed by
 * {@code order_uid}, at a chosen rate, with chosen shares of deliberately invalid records ({@link InvalidOrder}) and of
 * duplicates (an order sent before, same key and bytes), and prints what it sent:
 *
 * <pre>
 * ./mvnw -q -pl tools/order-producer -am compile exec:java -Dexec.args="--rate 500 --count 10000 --invalid 5% --duplicates 2%"
 * </pre>
 *
 * Options: {@link ProducerOptions}. Exit code 0 when every record was acknowledged, 1 otherwise, 2 for bad options.
 */
public final class OrderProducer {

    private OrderProducer() {}

    public static void main(String[] args) {
        // The Kafka client logs its whole configuration at INFO; the command prints its own report.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        ProducerOptions options;
        try {
            options = ProducerOptions.parse(args, System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            var summary = publish(options);
            System.out.println(summary.report());
        } catch (RuntimeException e) {
            System.err.println("Sending failed: " + e);
            System.exit(1);
        }
    }

    /**
     * Sends what {@code options} ask for and waits until Kafka acknowledged every record.
     *
     * @throws IllegalStateException when a record was refused
     */
    public static Summary publish(ProducerOptions options) {
        var json = JsonMapper.builder()
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        var generator = new OrderGenerator(options.seed(), Instant.now());
        var random = new Random(options.seed() ^ 0x5DEECE66DL);
        var summary = new Summary(options);
        var sentValid = new ArrayList<ProducerRecord<String, byte[]>>();
        var pending = new ArrayList<java.util.concurrent.Future<?>>();
        long start = System.nanoTime();
        try (var producer = producer(options);
                var manifest = manifest(options)) {
            int index = 0;
            if (options.sample()) {
                var sample = sample();
                var record = new ProducerRecord<>(options.topic(), uid(json, sample), sample);
                pending.add(send(producer, record, "sample", manifest));
                summary.count("sample", record.key());
                index++;
            }
            for (int i = 0; i < options.oversized(); i++, index++) {
                var order = generator.next();
                var bytes = InvalidOrder.TOO_LARGE.spoil(json, json.writeValueAsBytes(order));
                pending.add(send(
                        producer,
                        new ProducerRecord<>(options.topic(), order.orderUid(), bytes),
                        "too-large",
                        manifest));
                summary.count(InvalidOrder.TOO_LARGE.label(), null);
            }
            for (int i = 0; i < options.count(); i++, index++) {
                pace(options.rate(), start, i);
                double draw = random.nextDouble();
                ProducerRecord<String, byte[]> record;
                String kind;
                if (draw < options.invalidShare()) {
                    var invalid = InvalidOrder.MIX[random.nextInt(InvalidOrder.MIX.length)];
                    var order = generator.next();
                    record = new ProducerRecord<>(
                            options.topic(), order.orderUid(), invalid.spoil(json, json.writeValueAsBytes(order)));
                    kind = invalid.label();
                    summary.count(kind, null);
                } else if (draw < options.invalidShare() + options.duplicateShare() && !sentValid.isEmpty()) {
                    var earlier = sentValid.get(random.nextInt(sentValid.size()));
                    record = new ProducerRecord<>(options.topic(), earlier.key(), earlier.value());
                    kind = "duplicate";
                    summary.count(kind, null);
                } else {
                    Order order = generator.next();
                    record = new ProducerRecord<>(options.topic(), order.orderUid(), json.writeValueAsBytes(order));
                    kind = "valid";
                    summary.count(kind, order.orderUid());
                    if (sentValid.size() < 10_000) {
                        sentValid.add(record);
                    }
                }
                pending.add(send(producer, record, kind, manifest));
                if (pending.size() >= 10_000) {
                    await(pending);
                }
            }
            producer.flush();
            await(pending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.finish(Duration.ofNanos(System.nanoTime() - start));
        return summary;
    }

    /** The reference order (libs/contracts), as published by the dev stack and the checks. */
    public static byte[] sample() {
        try (InputStream in = Order.class.getClassLoader().getResourceAsStream(Order.SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Order.SAMPLE_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uid(JsonMapper json, byte[] order) {
        return json.readTree(order).get("order_uid").asString();
    }

    private static KafkaProducer<String, byte[]> producer(ProducerOptions options) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                131072,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                16 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                64L * 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static BufferedWriter manifest(ProducerOptions options) throws IOException {
        return options.manifest() == null ? null : Files.newBufferedWriter(options.manifest(), StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.Future<?> send(
            KafkaProducer<String, byte[]> producer,
            ProducerRecord<String, byte[]> record,
            String kind,
            BufferedWriter manifest) {
        return producer.send(record, (metadata, failure) -> {
            if (failure == null && manifest != null) {
                synchronized (manifest) {
                    try {
                        manifest.write(kind + "," + (record.key() == null ? "" : record.key()) + ","
                                + metadata.partition() + "," + metadata.offset() + "\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        });
    }

    private static void await(List<java.util.concurrent.Future<?>> pending) {
        try {
            for (var future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record: " + e.getCause(), e.getCause());
        }
        pending.clear();
    }

    /** Waits until record {@code i} is due at {@code rate} per second; no wait for rate 0. */
    private static void pace(int rate, long start, int i) {
        if (rate == 0) {
            return;
        }
        long due = start + (long) i * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
