package io.polyclinic.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import io.polyclinic.testkit.net.FreePorts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Dead letters as a consumer of the dead-letter topic reads them, on the testkit's real broker: which records of a
 * batch get one, and what their key, value and headers say.
 */
class DeadLetterPublisherTest {

    private static final String SOURCE = "visits";

    private final String deadLetterTopic = "visits.dlt-" + UUID.randomUUID();
    private final List<DefaultKafkaProducerFactory<String, byte[]>> factories = new ArrayList<>();

    @AfterEach
    void closeProducers() {
        factories.forEach(DefaultKafkaProducerFactory::destroy);
    }

    @Test
    void onlyTheRejectedRecordsOfABatchAreDeadLetteredWithTheirReasonAndCoordinates() {
        var publisher = DeadLetterPublisher.builder(template(broker()), deadLetterTopic, "visits-dlt-reason")
                .build();
        var batch = List.of(
                record(10, "a", "{\"ok\":1}"),
                record(11, "b", "{bad"),
                record(12, "c", "{\"ok\":2}"),
                record(13, null));
        var seen = new ArrayList<byte[]>();

        publisher.consume(batch, values -> {
            seen.addAll(values);
            return List.of(
                    new RejectedRecord(1, "malformed-json", "The record is no valid JSON."),
                    new RejectedRecord(3, "empty", "The record has no value."));
        });

        assertThat(seen).hasSize(4);
        assertThat(seen.get(3)).isNull();
        var letters = deadLetters(2);
        var malformed = letters.get(0);
        assertThat(malformed.key()).isEqualTo("b");
        assertThat(text(malformed.value())).isEqualTo("{bad");
        assertThat(header(malformed, "visits-dlt-reason")).isEqualTo("malformed-json");
        assertThat(header(malformed, "kafka_dlt-exception-message")).isEqualTo("The record is no valid JSON.");
        assertThat(header(malformed, "kafka_dlt-original-topic")).isEqualTo(SOURCE);
        assertThat(ByteBuffer.wrap(malformed
                                .headers()
                                .lastHeader("kafka_dlt-original-partition")
                                .value())
                        .getInt())
                .isEqualTo(2);
        assertThat(ByteBuffer.wrap(malformed
                                .headers()
                                .lastHeader("kafka_dlt-original-offset")
                                .value())
                        .getLong())
                .isEqualTo(11L);
        // By default a letter carries neither the record's own headers nor an exception class.
        assertThat(malformed.headers().lastHeader("trace")).isNull();
        assertThat(malformed.headers().lastHeader("kafka_dlt-exception-fqcn")).isNull();
        var empty = letters.get(1);
        assertThat(empty.key()).isNull();
        assertThat(empty.value()).isNull();
        assertThat(header(empty, "visits-dlt-reason")).isEqualTo("empty");
    }

    @Test
    void aLargeValueIsCutAndTheRecordsHeadersSizeAndExceptionClassGoAlongWhenConfigured() {
        var publisher = DeadLetterPublisher.builder(template(broker()), deadLetterTopic, "visits-dlt-reason")
                .maxValueBytes(8)
                .keepingHeaders()
                .originalSizeHeader("visits-dlt-original-size")
                .exceptionClass(IllegalArgumentException.class)
                .build();
        var large = record(20, "k", "0123456789abcdef");
        var small = record(21, "s", "tiny");

        publisher.publish(
                List.of(large, small),
                List.of(new RejectedRecord(0, "too-large", "16 bytes"), new RejectedRecord(1, "rule", "no")));

        var letters = deadLetters(2);
        var cut = letters.get(0);
        assertThat(text(cut.value())).isEqualTo("01234567");
        assertThat(header(cut, "visits-dlt-original-size")).isEqualTo("16");
        assertThat(header(cut, "trace")).isEqualTo("offset-20");
        assertThat(header(cut, "kafka_dlt-exception-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
        var whole = letters.get(1);
        assertThat(text(whole.value())).isEqualTo("tiny");
        assertThat(whole.headers().lastHeader("visits-dlt-original-size")).isNull();
    }

    @Test
    void aBatchWithoutRejectionsSendsNothing() {
        var publisher = DeadLetterPublisher.builder(template(broker()), deadLetterTopic, "visits-dlt-reason")
                .build();

        publisher.consume(List.of(record(30, "a", "{}")), values -> List.of());
        publisher.publish(List.of(record(31, "b", "{}")), List.of(new RejectedRecord(0, "marker", "after")));

        var letters = deadLetters(1);
        assertThat(header(letters.getFirst(), "visits-dlt-reason")).isEqualTo("marker");
    }

    @Test
    void deadLettersKafkaDoesNotTakeFailTheBatchSoItIsTriedAgain() {
        var unreachable = "127.0.0.1:" + FreePorts.next();
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, unreachable,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500),
                new StringSerializer(),
                new ByteArraySerializer());
        factories.add(factory);
        var publisher = DeadLetterPublisher.builder(new KafkaTemplate<>(factory), deadLetterTopic, "visits-dlt-reason")
                .build();

        assertThatThrownBy(() -> publisher.consume(
                        List.of(record(40, "a", "{bad")),
                        values -> List.of(new RejectedRecord(0, "malformed-json", "no JSON"))))
                .isInstanceOfAny(KafkaException.class, org.springframework.kafka.KafkaException.class)
                .hasStackTraceContaining(deadLetterTopic);
    }

    @Test
    void aRejectionNeedsAReasonAndADetailAndAPlaceInTheBatch() {
        assertThatThrownBy(() -> new RejectedRecord(-1, "schema", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RejectedRecord(0, null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RejectedRecord(0, "schema", null)).isInstanceOf(NullPointerException.class);
    }

    private String broker() {
        var kafka = EmbeddedKafkaServer.shared();
        kafka.createTopics(List.of(deadLetterTopic), 1);
        return kafka.bootstrapServers();
    }

    private KafkaTemplate<String, byte[]> template(String bootstrapServers) {
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer());
        factories.add(factory);
        return new KafkaTemplate<>(factory);
    }

    /** A record of topic {@link #SOURCE}, partition 2, with header {@code trace}. */
    private static ConsumerRecord<String, byte[]> record(long offset, String key, String value) {
        var record = new ConsumerRecord<>(
                SOURCE, 2, offset, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("trace", ("offset-" + offset).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key) {
        return record(offset, key, null);
    }

    /** The dead-letter topic's records once there are {@code count}, in order. */
    private List<ConsumerRecord<String, byte[]>> deadLetters(int count) {
        var letters = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = KafkaTestConsumers.fromTheStart(
                EmbeddedKafkaServer.shared().bootstrapServers(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.size() >= count;
            });
        }
        assertThat(letters).hasSize(count);
        return letters;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
