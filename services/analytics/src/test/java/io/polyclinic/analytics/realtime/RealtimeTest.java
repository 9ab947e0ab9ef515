package io.polyclinic.analytics.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.analytics.LiveTest;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The live view, as a dashboard sees it: JSON and the Server-Sent Events stream. */
class RealtimeTest extends LiveTest {

    @Test
    void theLiveViewCountsVisitorsOfTheLastFiveMinutesTopPagesOfTheLastMinuteCountriesAndTheLastTenEvents() {
        var site = newSiteOf("live-one.example");
        var siteId = UUID.fromString(site[0]);
        var now = Instant.now();
        var alice = newVisitor();
        var bob = newVisitor();
        var carol = newVisitor();
        var gone = newVisitor();
        var batch = new ArrayList<StoredEvent>();
        batch.add(pageview(siteId, now.minusSeconds(20), alice, "/doctors", "DE"));
        batch.add(pageview(siteId, now.minusSeconds(15), alice, "/doctors/1", "DE"));
        batch.add(pageview(siteId, now.minusSeconds(10), bob, "/doctors", "RU"));
        batch.add(pageview(siteId, now.minusSeconds(200), carol, "/prices", "RU"));
        batch.add(pageview(siteId, now.minusSeconds(600), gone, "/old", "FR"));
        for (int i = 0; i < 12; i++) {
            batch.add(pageview(siteId, now.minusSeconds(30 + i), bob, "/p" + i, "RU"));
        }
        store(batch);

        var live = get("/api/v1/analytics/realtime?siteId=" + siteId, manager(UUID.fromString(site[1])));

        assertThat(live.get("visitors").asLong())
                .as("alice, bob, carol; not the one 10 minutes ago")
                .isEqualTo(3);
        assertThat(live.get("pageviews").asLong()).isEqualTo(16);
        assertThat(live.get("topPages").get(0).get("path").asString()).isEqualTo("/doctors");
        assertThat(live.get("topPages").get(0).get("pageviews").asLong()).isEqualTo(2);
        assertThat(live.get("topPages")).hasSize(5);
        assertThat(live.get("countries").get(0).get("country").asString()).isEqualTo("RU");
        assertThat(live.get("countries").get(0).get("visitors").asLong()).isEqualTo(2);
        assertThat(live.get("countries").get(1).get("country").asString()).isEqualTo("DE");
        assertThat(live.get("lastEvents")).hasSize(10);
        assertThat(live.get("lastEvents").get(0).get("path").asString()).isEqualTo("/doctors");
        assertThat(live.get("lastEvents").get(0).has("visitorId")).isFalse();
    }

    @Test
    void eventsStoredByTwoProcessorReplicasAtOnceAreAllInTheOneLiveView() throws Exception {
        var site = newSiteOf("live-two.example");
        var siteId = UUID.fromString(site[0]);
        var now = Instant.now();
        // Two replicas, each consuming its own partitions, store their batches concurrently; the view reads the
        // database both write, so it counts the visitors of both.
        var first = new ArrayList<StoredEvent>();
        var second = new ArrayList<StoredEvent>();
        for (int i = 0; i < 50; i++) {
            first.add(pageview(siteId, now.minusMillis(i), newVisitor(), "/a", "DE"));
            second.add(pageview(siteId, now.minusMillis(i), newVisitor(), "/b", "RU"));
        }
        var a = CompletableFuture.runAsync(() -> store(first));
        var b = CompletableFuture.runAsync(() -> store(second));
        CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);

        var live = get("/api/v1/analytics/realtime?siteId=" + siteId, manager(UUID.fromString(site[1])));

        assertThat(live.get("visitors").asLong()).isEqualTo(100);
        assertThat(live.get("countries"))
                .extracting(c -> c.get("visitors").asLong())
                .containsExactly(50L, 50L);
    }

    @Test
    void aSitesEventsProcessedByDifferentConsumersOfTheGroupAreAllInTheLiveViewOfEitherReplica() {
        var site = newSiteOf("live-partitions.example");
        var now = Instant.now();
        // The processor's group runs one consumer per partition. A site's events stay on one partition while the
        // partition count holds; here they land on all three, as after a repartitioning, so three consumers, each
        // seeing only its partition, store them, and the view still counts every visitor.
        for (int i = 0; i < 9; i++) {
            var event = rawEvent(site[2], "pageview", "https://live-partitions.example/p" + (i % 3), now);
            event.put("clientIp", "198.51.100." + (10 + i));
            try {
                producer()
                        .send(new ProducerRecord<>(
                                "analytics.raw-events", i % 3, site[2], JSON.writeValueAsBytes(event)))
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        awaitStored(site[0], 9);

        var live = get("/api/v1/analytics/realtime?siteId=" + site[0], manager(UUID.fromString(site[1])));

        assertThat(live.get("visitors").asLong()).isEqualTo(9);
        assertThat(live.get("pageviews").asLong()).isEqualTo(9);
        assertThat(live.get("topPages"))
                .extracting(p -> p.get("pageviews").asLong())
                .containsExactly(3L, 3L, 3L);
    }

    @Test
    void theStreamSendsTheFiguresAtOnceAndAgainWhenTheyChange() throws Exception {
        var site = newSiteOf("live-stream.example");
        var siteId = UUID.fromString(site[0]);
        store(List.of(pageview(siteId, Instant.now(), newVisitor(), "/", "DE")));
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/analytics/realtime/stream?siteId=" + siteId))
                .header("Authorization", "Bearer " + manager(UUID.fromString(site[1])))
                .header("Accept", "text/event-stream")
                .build();
        var response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        var figures = new LinkedBlockingQueue<JsonNode>();
        var reader = Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        figures.add(JSON.readTree(line.substring(5)));
                    }
                }
            } catch (Exception e) {
                // the test closes the stream
            }
        });
        try {
            var first = figures.poll(30, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.get("visitors").asLong()).isEqualTo(1);

            store(List.of(pageview(siteId, Instant.now(), newVisitor(), "/contacts", "FR")));

            await().atMost(WAIT).untilAsserted(() -> {
                var next = figures.poll(1, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                assertThat(next.get("visitors").asLong()).isEqualTo(2);
            });
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void anotherClinicsManagerGets404AndBadInputIsAProblem() {
        var site = newSiteOf("live-foreign.example");
        var stranger = manager(UUID.randomUUID());

        var foreign = send("GET", "/api/v1/analytics/realtime?siteId=" + site[0], stranger, null);
        var foreignStream = send("GET", "/api/v1/analytics/realtime/stream?siteId=" + site[0], stranger, null);
        var notAnId = send("GET", "/api/v1/analytics/realtime?siteId=%3Cscript%3E", stranger, null);
        var patient = send(
                "GET",
                "/api/v1/analytics/realtime?siteId=" + site[0],
                TestJwtIssuer.shared().token(UUID.randomUUID(), "p@example.com", "PATIENT"),
                null);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreignStream.statusCode()).isEqualTo(404);
        assertThat(foreignStream.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.body()).doesNotContain("Exception");
        assertThat(patient.statusCode()).isEqualTo(403);
    }
}
