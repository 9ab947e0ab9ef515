package io.polyclinic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.event.StoredEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Helpers of the tests of the live parts (real time, alerts, conversions), on the service's one shared test context:
 * sites of fresh clinics, events stored as a processor replica stores them, JSON requests.
 */
public abstract class LiveTest extends AnalyticsTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger VISITORS = new AtomicInteger(1_000);

    @Autowired
    protected EventStore events;

    @Autowired
    protected TransactionTemplate transactions;

    /** A new site of a new clinic, made by its manager: {@code [siteId, clinicId, trackingId]}. */
    protected String[] newSiteOf(String domain) {
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

    /** Stores a batch as one processor replica does: in one transaction, day partitions made first. */
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

    /** A visitor hash no other test uses. */
    protected static long newVisitor() {
        return VISITORS.incrementAndGet();
    }

    /** Sends a request with a JSON body (a string as is, anything else serialized), or none. */
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

    /** A GET that must answer 200: its JSON. */
    protected JsonNode get(String path, String token) {
        var response = send("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    protected static HttpClient http() {
        return HTTP;
    }

    /** Sends a record to a topic and waits for the broker's ack. */
    protected static void publishTo(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka refused the record", e);
        }
    }
}
