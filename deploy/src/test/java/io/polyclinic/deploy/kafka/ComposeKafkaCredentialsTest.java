package io.polyclinic.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.deploy.RepositoryFiles;
import io.polyclinic.deploy.compose.ComposeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's Kafka credentials and ACLs, exercised on an in-process broker configured from compose.yaml's
 * {@code kafka} service with the passwords of {@code .env.example}: the topics and ACLs of {@code kafka/topics.txt}
 * and {@code kafka/acls.txt} are applied as kafka-init applies them, then each service's client settings from
 * compose.yaml (SASL/PLAIN, its own user) may do what its ACLs grant and nothing else.
 */
class ComposeKafkaCredentialsTest {

    private static final Path SETUP = RepositoryFiles.root().resolve("deploy/compose/kafka");

    @TempDir
    static Path directory;

    private static ComposeKafkaBroker broker;
    private static ComposeFile compose;
    private static Map<String, String> variables;

    @BeforeAll
    static void startTheBrokerAndApplyTheSetup() throws Exception {
        compose = ComposeFile.load();
        variables = ComposeFile.exampleVariables();
        var environment = new HashMap<String, String>();
        compose.environment("kafka")
                .forEach((name, value) -> environment.put(name, ComposeFile.interpolate(value, variables)));
        broker = ComposeKafkaBroker.start(environment, directory);
        var admin = clientSettings("admin", variables.get("KAFKA_ADMIN_PASSWORD"));
        try (var client = Admin.create(admin)) {
            var topics = new ArrayList<NewTopic>();
            for (var line : lines("topics.txt")) {
                topics.add(new NewTopic(line[0], Integer.parseInt(line[1]), (short) 1));
            }
            client.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            var acls = new ArrayList<AclBinding>();
            for (var line : lines("acls.txt")) {
                var type = line[2].equals("topic") ? ResourceType.TOPIC : ResourceType.GROUP;
                acls.add(new AclBinding(
                        new ResourcePattern(type, line[3], PatternType.LITERAL),
                        new AccessControlEntry(
                                "User:" + line[0], "*", AclOperation.fromString(line[1]), AclPermissionType.ALLOW)));
            }
            client.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            // The broker's authorizer learns the ACLs from the metadata log a moment after the controller commits
            // them: wait until the broker itself lists them all, or the first produce may still be refused.
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.describeAcls(AclBindingFilter.ANY)
                                    .values()
                                    .get(30, TimeUnit.SECONDS)
                                    .size()
                            < acls.size()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bookingPublishesItsEventsAndTheNotifierReadsThemInItsGroup() throws Exception {
        try (var producer = new KafkaProducer<>(producerSettings(serviceClient("booking")))) {
            producer.send(new ProducerRecord<>("booking.events", "doctor-1", "{\"type\":\"AppointmentBooked\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        var consumer = serviceClient("notifier");
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "notifier");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (var kafka = new KafkaConsumer<String, String>(consumer)) {
            kafka.subscribe(List.of("booking.events"));
            var received = new ArrayList<String>();
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                kafka.poll(Duration.ofMillis(500)).forEach(record -> received.add(record.value()));
            }
            assertThat(received).containsExactly("{\"type\":\"AppointmentBooked\"}");
        }
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopic() {
        try (var producer = new KafkaProducer<>(producerSettings(serviceClient("booking")))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("identity.events", "k", "forged"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        var settings = clientSettings("booking", "not-the-password");
        try (var producer = new KafkaProducer<>(producerSettings(settings))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("booking.events", "k", "v"))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** A service's Kafka client settings as compose gives them: kafka-client.env plus its JAAS line. */
    private static Map<String, Object> serviceClient(String service) {
        var jaas = ComposeFile.interpolate(
                compose.environment(service).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"), variables);
        var env = ComposeFile.readEnvFile(RepositoryFiles.root().resolve("deploy/compose/env/kafka-client.env"));
        var settings = new HashMap<String, Object>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("security.protocol", env.get("SPRING_KAFKA_SECURITY_PROTOCOL"));
        settings.put("sasl.mechanism", env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"));
        settings.put("sasl.jaas.config", jaas);
        return settings;
    }

    private static Map<String, Object> clientSettings(String user, String password) {
        var settings = new HashMap<String, Object>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("security.protocol", "SASL_PLAINTEXT");
        settings.put("sasl.mechanism", "PLAIN");
        settings.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
        return settings;
    }

    private static Map<String, Object> producerSettings(Map<String, Object> client) {
        var settings = new HashMap<>(client);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        return settings;
    }

    private static List<String[]> lines(String file) throws IOException {
        return Files.readAllLines(SETUP.resolve(file)).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .toList();
    }
}
