package io.polyclinic.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.analytics.LiveTest;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.contracts.jobs.EmailJob;
import io.polyclinic.contracts.schema.ContractSchemas;
import io.polyclinic.testkit.amqp.EmbeddedAmqpBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Alert rules end to end on the real AMQP broker: a rule tripped twice within its cooldown queues one email job on
 * {@code notifications.email}, in the notifier's contract; the firing is in the rule's history.
 */
class AlertTest extends LiveTest {

    private static RabbitTemplate rabbit;

    @Autowired
    AlertEvaluator evaluator;

    @BeforeEach
    void queue() {
        synchronized (AlertTest.class) {
            if (rabbit == null) {
                var broker = EmbeddedAmqpBroker.shared();
                var factory = new CachingConnectionFactory(broker.host(), broker.port());
                factory.setUsername(broker.username());
                factory.setPassword(broker.password());
                factory.setVirtualHost("default");
                new RabbitAdmin(factory).declareQueue(new Queue(EmailJob.QUEUE, true));
                rabbit = new RabbitTemplate(factory);
            }
        }
    }

    @Test
    void aSpikeTrippingTheRuleTwiceWithinItsCooldownSendsOneEmailInTheNotifiersContract() throws Exception {
        var site = newSiteOf("spike.example");
        var siteId = UUID.fromString(site[0]);
        var token = manager(UUID.fromString(site[1]));
        var created = send(
                "POST",
                "/api/v1/analytics/sites/" + siteId + "/alerts",
                token,
                Map.of(
                        "kind",
                        "VISITORS_PER_HOUR",
                        "threshold",
                        3,
                        "cooldownMinutes",
                        60,
                        "email",
                        "ops@spike.example"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var ruleId = JSON.readTree(created.body()).get("id").asString();
        store(visitors(siteId, 3));
        assertThat(evaluator.evaluate(null, List.of(siteId)))
                .as("3 visitors do not exceed 3")
                .isZero();

        store(visitors(siteId, 2));
        // The stream and the schedule of two replicas evaluate at once: one fires.
        var racers = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < 4; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> evaluator.evaluate(null, List.of(siteId))));
        }
        var fired = 0;
        for (var racer : racers) {
            fired += racer.get(30, TimeUnit.SECONDS);
        }
        assertThat(fired).isEqualTo(1);
        // A second spike within the cooldown.
        store(visitors(siteId, 10));
        evaluator.onTraffic(List.of(siteId));
        assertThat(evaluator.evaluate(null, List.of(siteId))).isZero();

        var jobs = jobsFor("ops@spike.example", 1);
        assertThat(jobs).hasSize(1);
        var job = jobs.getFirst();
        assertThat(ContractSchemas.forProducers().problems(EmailJob.CONTRACT, job))
                .isEmpty();
        assertThat(job.get("subject").asString()).isEqualTo("Traffic spike: Clinic spike.example");
        assertThat(job.get("text").asString()).contains("had 5 visitors in the last hour (threshold 3)");
        var history = get("/api/v1/analytics/sites/" + siteId + "/alerts/" + ruleId + "/firings", token);
        assertThat(history.get("totalItems").asLong()).isEqualTo(1);
        assertThat(history.get("items").get(0).get("observed").asLong()).isEqualTo(5);
        assertThat(job.get("id").asString())
                .isEqualTo("alert-" + history.get("items").get(0).get("id").asString());
        assertThat(get("/api/v1/analytics/sites/" + siteId + "/alerts/" + ruleId, token)
                        .get("lastFiredAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void aSiteWithoutPageviewsForTheRulesMinutesFiresOnceAndASiteWithTrafficDoesNot() {
        var silent = newSiteOf("silent.example");
        var busy = newSiteOf("busy.example");
        for (var site : List.of(silent, busy)) {
            var created = send(
                    "POST",
                    "/api/v1/analytics/sites/" + site[0] + "/alerts",
                    manager(UUID.fromString(site[1])),
                    Map.of(
                            "kind",
                            "NO_PAGEVIEWS",
                            "threshold",
                            30,
                            "email",
                            "watch@" + site[0].substring(0, 8) + ".example",
                            "locale",
                            "ru"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        // Both rules have watched for an hour; only the busy site had a pageview in the last 30 minutes.
        jdbc.sql("update alert_rules set created_at = now() - interval '1 hour', updated_at = now() - interval '1 hour'"
                        + " where site_id in (?, ?)")
                .params(UUID.fromString(silent[0]), UUID.fromString(busy[0]))
                .update();
        store(List.of(pageview(UUID.fromString(busy[0]), Instant.now().minusSeconds(60), newVisitor(), "/", "RU")));

        var sites = List.of(UUID.fromString(silent[0]), UUID.fromString(busy[0]));
        assertThat(evaluator.evaluate(AlertKind.NO_PAGEVIEWS, sites)).isEqualTo(1);
        assertThat(evaluator.evaluate(AlertKind.NO_PAGEVIEWS, sites)).isZero();

        var jobs = jobsFor("watch@" + silent[0].substring(0, 8) + ".example", 1);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.getFirst().get("locale").asString()).isEqualTo("ru");
        assertThat(jobs.getFirst().get("subject").asString()).startsWith("Нет просмотров");
    }

    @Test
    void rulesAreKeptPerSiteAndBadRulesAreProblems() {
        var site = newSiteOf("rules.example");
        var token = manager(UUID.fromString(site[1]));
        var base = "/api/v1/analytics/sites/" + site[0] + "/alerts";
        var good = new HashMap<String, Object>(
                Map.of("kind", "VISITORS_PER_HOUR", "threshold", 1000, "email", "a@b.example"));

        var created = send("POST", base, token, good);
        assertThat(created.statusCode()).isEqualTo(201);
        var id = JSON.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue(base + "/" + id);
        good.put("threshold", 2000);
        assertThat(send("PUT", base + "/" + id, token, good).statusCode()).isEqualTo(200);
        assertThat(get(base, token).get(0).get("threshold").asInt()).isEqualTo(2000);

        var withDisplayName = new HashMap<>(good);
        withDisplayName.put("email", "Ops <ops@b.example>");
        var badKind = new HashMap<>(good);
        badKind.put("kind", "EVERYTHING");
        var weekTooLong = new HashMap<String, Object>(
                Map.of("kind", "NO_PAGEVIEWS", "threshold", 20_000, "email", "a@b.example"));
        assertThat(send("POST", base, token, withDisplayName).statusCode()).isEqualTo(400);
        assertThat(send("POST", base, token, badKind).statusCode()).isEqualTo(400);
        assertThat(send("POST", base, token, weekTooLong).statusCode()).isEqualTo(400);
        assertThat(send("POST", base, token, "{\"kind\":").statusCode()).isEqualTo(400);
        assertThat(send("POST", base, token, Map.of("kind", "NO_PAGEVIEWS", "email", "a@b.example"))
                        .body())
                .contains("threshold");
        assertThat(send("GET", base, manager(UUID.randomUUID()), null).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", base + "/" + id, manager(UUID.randomUUID()), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", base + "/" + UUID.randomUUID(), token, null).statusCode())
                .isEqualTo(404);
        for (int i = 1; i < AlertService.MAX_RULES_PER_SITE; i++) {
            assertThat(send("POST", base, token, good).statusCode()).isEqualTo(201);
        }
        assertThat(send("POST", base, token, good).statusCode()).isEqualTo(422);
        assertThat(send("DELETE", base + "/" + id, token, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", base + "/" + id, token, null).statusCode()).isEqualTo(404);
    }

    private List<StoredEvent> visitors(UUID siteId, int count) {
        var batch = new ArrayList<StoredEvent>();
        for (int i = 0; i < count; i++) {
            batch.add(pageview(siteId, Instant.now().minusSeconds(5), newVisitor(), "/", "DE"));
        }
        return batch;
    }

    /**
     * The email jobs to this address on the queue: waits until {@code expected} arrived, then a little longer for any
     * extra one (jobs of other tests are left on the queue's head and skipped).
     */
    private static List<JsonNode> jobsFor(String to, int expected) {
        var found = new ArrayList<JsonNode>();
        await().atMost(WAIT).untilAsserted(() -> {
            drain(to, found);
            assertThat(found).hasSizeGreaterThanOrEqualTo(expected);
        });
        var quiet = Instant.now().plus(Duration.ofSeconds(2));
        while (Instant.now().isBefore(quiet)) {
            drain(to, found);
        }
        return found;
    }

    private static void drain(String to, List<JsonNode> found) {
        org.springframework.amqp.core.Message message;
        while ((message = rabbit.receive(EmailJob.QUEUE, 100)) != null) {
            var job = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            if (job.get("to").asString().equals(to)) {
                found.add(job);
            }
        }
    }
}
