package io.polyclinic.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaServerTest {

    @TempDir
    Path directory;

    @Test
    void aMessageSentBeforeARestartIsReadAfterItOnTheSamePort() throws Exception {
        try (var kafka = EmbeddedKafkaServer.start(directory, 0)) {
            kafka.createTopics(List.of("restart.test"), 3);
            send(kafka, "restart.test", "k1", "before the restart");
            int port = kafka.port();

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.restart();

            assertThat(kafka.port()).isEqualTo(port);
            send(kafka, "restart.test", "k1", "after the restart");
            assertThat(readAll(kafka, "restart.test", 2)).containsExactly("before the restart", "after the restart");
        }
    }

    @Test
    void aNewBrokerOnAKeptDirectoryStillHasItsTopicsAndMessages() throws Exception {
        try (var kafka = EmbeddedKafkaServer.start(directory, 0)) {
            send(kafka, "kept.test", "k", "kept");
        }
        try (var kafka = EmbeddedKafkaServer.start(directory, 0)) {
            assertThat(readAll(kafka, "kept.test", 1)).containsExactly("kept");
        }
    }

    private static void send(EmbeddedKafkaServer kafka, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(EmbeddedKafkaServer kafka, String topic, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = KafkaTestConsumers.fromTheStart(kafka.bootstrapServers())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
