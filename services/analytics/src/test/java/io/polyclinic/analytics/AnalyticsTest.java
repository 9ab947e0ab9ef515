package io.polyclinic.analytics;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the analytics service's Spring tests: ONE shared context on a fresh embedded PostgreSQL database and the
 * JVM's KRaft Kafka broker and embedded AMQP broker. No GeoIP database (countries are {@code unknown}). Tests tell their data apart by fresh
 * sites.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.analytics.enrichment.visitor-secret=test-secret-of-at-least-thirty-two-characters",
            "polyclinic.analytics.enrichment.geoip-database=target/no-geoip.mmdb",
            "polyclinic.analytics.enrichment.geoip-download-url=",
            "polyclinic.analytics.processor.outage-initial-backoff=100ms",
            "polyclinic.analytics.processor.outage-max-backoff=500ms",
            "spring.kafka.consumer.fetch-max-wait=50ms",
            "polyclinic.outbox.enabled=true",
            "polyclinic.outbox.poll-interval=100ms",
            "polyclinic.analytics.realtime.push-interval=200ms",
            // Alert tests evaluate by hand; the schedule must not fire a rule between their steps.
            "polyclinic.analytics.alerts.evaluate-interval=1h"
        })
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            TestJwtIssuer.Initializer.class,
            EmbeddedKafkaInitializer.class,
            AmqpTestBroker.class
        })
public abstract class AnalyticsTest {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    protected static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaProducer<String, byte[]> producer;

    protected static final String ADMIN = TestJwtIssuer.shared().token(UUID.randomUUID(), "admin@test", "ADMIN");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** A CLINIC_MANAGER's token for these clinics. */
    protected static String manager(UUID... clinics) {
        return TestJwtIssuer.shared()
                .tokenWithClinics(UUID.randomUUID(), "manager@test", List.of(clinics), "CLINIC_MANAGER");
    }

    /** Sends a request; {@code body} is JSON or null. */
    protected HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Adds a site as an admin; answers its JSON (id, trackingId, ...). */
    protected JsonNode newSite(String timeZone) throws Exception {
        var body = "{\"clinicId\":\"" + UUID.randomUUID()
                + "\",\"name\":\"Test site\",\"domains\":[\"clinic.example\"]," + "\"timeZone\":\"" + timeZone + "\"}";
        var response = call("POST", "/api/v1/analytics/sites", ADMIN, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Site not created: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A raw event as the collector publishes it, with a fresh event id. */
    protected static Map<String, Object> rawEvent(String trackingId, String type, String url, Instant receivedAt) {
        var event = new LinkedHashMap<String, Object>();
        event.put("version", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("trackingId", trackingId);
        event.put("type", type);
        event.put("name", type.equals("pageview") ? "pageview" : "signup");
        event.put("url", url);
        event.put("referrer", null);
        event.put("props", Map.of());
        event.put("revenue", null);
        event.put("receivedAt", receivedAt.toString());
        event.put("clientTimestamp", null);
        event.put("clientIp", "203.0.113.7");
        event.put("userAgent", CHROME);
        event.put("screenWidth", 1280);
        event.put("sessionId", null);
        return event;
    }

    /** Publishes records to analytics.raw-events (key = tracking id) and waits for the broker's acks. */
    protected static void publish(String key, byte[]... values) {
        try {
            for (var value : values) {
                producer()
                        .send(new ProducerRecord<>("analytics.raw-events", key, value))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka refused the record", e);
        }
    }

    protected static void publish(Map<String, Object> event) {
        publish((String) event.get("trackingId"), JSON.writeValueAsBytes(event));
    }

    /** Waits until the site has {@code count} stored events. */
    protected void awaitStored(String siteId, long count) {
        Awaitility.await().atMost(WAIT).until(() -> stored(siteId) >= count);
    }

    protected long stored(String siteId) {
        return jdbc.sql("select count(*) from events where site_id = ?::uuid")
                .param(siteId)
                .query(Long.class)
                .single();
    }

    /** The site's rollup row, as column name to value, or an empty map. */
    protected Map<String, Object> rollup(
            String siteId, String granularity, String bucket, String dimension, String value) {
        return jdbc
                .sql("select pageviews, events, visitors, sessions, bounces, duration_seconds from rollups"
                        + " where site_id = ?::uuid and granularity = ? and bucket = ?::timestamp and dimension = ?"
                        + " and value = ?")
                .param(siteId)
                .param(granularity)
                .param(bucket)
                .param(dimension)
                .param(value)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(Map.of());
    }

    protected static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    EmbeddedKafkaServer.shared().bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void closeProducer() {
        synchronized (AnalyticsTest.class) {
            if (producer != null) {
                producer.close();
                producer = null;
            }
        }
    }
}
