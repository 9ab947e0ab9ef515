package io.polyclinic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.testkit.amqp.EmbeddedAmqpBroker;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests of the live parts (real time, alerts, conversions): ONE shared context on a fresh embedded
 * PostgreSQL database, the JVM's real KRaft Kafka broker and embedded AMQP broker. Tests tell their data apart by
 * fresh sites (each with its own clinic).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.analytics.enrichment.visitor-secret=live-test-secret-0123456789abcdef0123456789",
            "polyclinic.analytics.enrichment.geoip-download-url=",
            "polyclinic.analytics.realtime.push-interval=200ms",
            "polyclinic.analytics.alerts.evaluate-interval=1h",
            "polyclinic.outbox.poll-interval=100ms"
        })
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            TestJwtIssuer.Initializer.class,
            EmbeddedKafkaInitializer.class,
            LiveTest.AmqpInitializer.class
        })
public abstract class LiveTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger VISITORS = new AtomicInteger(1_000);
    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected EventStore events;

    @Autowired
    protected TransactionTemplate transactions;

    /** Points the context at the JVM's embedded AMQP broker. */
    public static class AmqpInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "liveAmqp", EmbeddedAmqpBroker.shared().springProperties()));
        }
    }

    /** A token of a manager of this clinic. */
    protected static String manager(UUID clinicId) {
        return TestJwtIssuer.shared()
                .tokenWithClinics(UUID.randomUUID(), "m@clinic.example", List.of(clinicId), "CLINIC_MANAGER");
    }

    /** A new site of a new clinic, made through the API: {@code [siteId, clinicId, trackingId]} as strings. */
    protected String[] newSite(String domain) {
        var clinic = UUID.randomUUID();
        var created = send(
                "POST",
                "/api/v1/analytics/sites",
                manager(clinic),
                Map.of(
                        "clinicId",
                        clinic,
                        "name",
                        "Clinic " + domain,
                        "domains",
                        List.of(domain),
                        "timeZone",
                        "Europe/Moscow"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = JSON.readTree(created.body());
        return new String[] {
            body.get("id").asString(), clinic.toString(), body.get("trackingId").asString()
        };
    }

    /** Stores events as the processor would (a fresh visitor per call unless given). */
    protected void store(List<StoredEvent> batch) {
        var days = batch.stream()
                .map(e -> LocalDate.ofInstant(e.receivedAt(), ZoneOffset.UTC))
                .sorted()
                .toList();
        transactions.executeWithoutResult(status -> {
            events.ensurePartitions(days.getFirst(), days.getLast());
            events.insertNew(batch);
        });
    }

    /** A pageview of the site at {@code at}, by a visitor, from a country. */
    protected static StoredEvent pageview(UUID siteId, Instant at, long visitor, String path, String country) {
        return new StoredEvent(
                UUID.randomUUID(),
                at,
                siteId,
                null,
                "pageview",
                "pageview",
                "clinic.example",
                path,
                null,
                "Direct / None",
                null,
                null,
                null,
                country,
                "Chrome",
                "Linux",
                "Desktop",
                1280,
                visitor,
                UUID.randomUUID(),
                null,
                null,
                null);
    }

    protected static long newVisitor() {
        return VISITORS.incrementAndGet();
    }

    protected HttpResponse<String> send(String method, String path, String token, Object body) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        var publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        try {
            return HTTP.send(builder.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    protected JsonNode get(String path, String token) {
        var response = send("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    protected static HttpClient http() {
        return HTTP;
    }

    /** Sends a record and waits for the broker's ack. */
    protected static void publish(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka refused the record", e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    EmbeddedKafkaServer.shared().bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void closeProducer() {
        synchronized (LiveTest.class) {
            if (producer != null) {
                producer.close();
                producer = null;
            }
        }
    }
}
