package io.polyclinic.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.analytics.SiteRecord;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the collector's Spring tests: ONE shared context (same annotations everywhere) on the JVM's real KRaft Kafka
 * broker. Each test makes its own site (a fresh tracking id and domain) by publishing a {@link SiteRecord} to
 * {@code analytics.sites}, as the analytics service does, so tests never see each other's events: all of a site's
 * events share its key and so one partition, in order.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"polyclinic.collector.rate-limit.capacity=40"})
@ContextConfiguration(initializers = {TestJwtIssuer.Initializer.class, EmbeddedKafkaInitializer.class})
public abstract class CollectorTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    /** A site known to the collector: tracking id and its one domain. */
    protected record TestSite(String trackingId, String domain) {
        public String page(String path) {
            return "https://" + domain + path;
        }
    }

    /** Publishes a fresh active site and waits until the collector accepts its events. */
    protected TestSite newSite() {
        var id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return newSite(id, List.of(id + ".clinic.example"));
    }

    /** Publishes an active site with these domains (the first is the test site's) and waits until it is known. */
    protected TestSite newSite(String trackingId, List<String> domains) {
        var site = new TestSite(trackingId, domains.getFirst());
        publishSite(new SiteRecord(1, trackingId, domains, "Europe/Moscow", true));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> post("/track", track(site, "/ready"), BROWSER, freshAddress())
                                .statusCode()
                        == 202);
        return site;
    }

    protected static void publishSite(SiteRecord site) {
        send(SiteRecord.TOPIC, site.trackingId(), JSON.writeValueAsBytes(site));
    }

    protected static void send(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka refused the record", e);
        }
    }

    /** A {@code /track} pageview body for the site's page. */
    protected static String track(TestSite site, String path) {
        return JSON.writeValueAsString(
                Map.of("siteId", site.trackingId(), "eventType", "pageview", "url", site.page(path)));
    }

    /** A client address no other request used, sent as {@code X-Forwarded-For} (the test client is a trusted proxy). */
    protected static String freshAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    protected HttpResponse<String> post(String path, String body, String userAgent, String clientAddress) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8", userAgent, clientAddress);
    }

    protected HttpResponse<String> post(
            String path, byte[] body, String contentType, String userAgent, String clientAddress) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .header("X-Forwarded-For", clientAddress);
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return send(request.build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The site's events in {@code analytics.raw-events}, read from the start until one whose URL ends with
     * {@code lastPath} has arrived (publish that one last): what was published for the site before it is complete.
     */
    protected static List<ConsumedEvent> eventsUntil(TestSite site, String lastPath) {
        return eventsUntil(site, events -> events.stream().anyMatch(e -> e.url().endsWith(lastPath)));
    }

    /** The site's events in {@code analytics.raw-events}, read from the start until {@code complete} holds. */
    protected static List<ConsumedEvent> eventsUntil(TestSite site, Predicate<List<ConsumedEvent>> complete) {
        var found = new ArrayList<ConsumedEvent>();
        try (var consumer =
                KafkaTestConsumers.fromTheStart(EmbeddedKafkaServer.shared().bootstrapServers())) {
            consumer.subscribe(List.of("analytics.raw-events"));
            Awaitility.await().atMost(WAIT).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (site.trackingId().equals(record.key())) {
                        found.add(new ConsumedEvent(record.key(), JSON.readTree(record.value())));
                    }
                }
                return complete.test(found);
            });
        }
        return found;
    }

    /** One record of {@code analytics.raw-events}. */
    protected record ConsumedEvent(String key, JsonNode value) {
        public String url() {
            return value.get("url").asString();
        }
    }

    protected static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            EmbeddedKafkaServer.shared().bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }
}
