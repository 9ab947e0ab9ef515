package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.browser.Chromium;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A visit of the dev stack's test site in headless Chromium, as a person would click around on it: the tracker comes
 * from the gateway (another origin), and the page views (load, History API, hash) and the tracked click reach
 * {@code analytics.raw-events} under the test site's tracking id with one session id. Run by
 * {@link DevStackEndToEndTest} on its stack.
 */
final class TestSiteVisit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSiteVisit() {}

    static void check(DevStack stack) {
        Chromium.assumeAvailable();
        var site = stack.testSiteUrl();
        var driver = Chromium.start(1280, 800);
        String sessionId;
        try {
            driver.get(site + "/");
            sessionId = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> (String) driver.executeScript("return window.polyclinic && polyclinic('session')"),
                            id -> id != null);
            driver.findElement(By.id("nav-doctors")).click();
            driver.findElement(By.id("nav-contacts")).click();
            driver.findElement(By.id("callback")).click();
            var events = new ArrayList<JsonNode>();
            try (var consumer = KafkaTestConsumers.fromTheStart(stack.kafkaBootstrapServers())) {
                consumer.subscribe(List.of("analytics.raw-events"));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (var record : consumer.poll(Duration.ofMillis(300))) {
                        if (AnalyticsCollectorDevBlock.TEST_SITE_TRACKING_ID.equals(record.key())) {
                            events.add(JSON.readTree(record.value()));
                        }
                    }
                    return events.stream()
                                    .filter(e ->
                                            sessionId.equals(e.path("sessionId").asString()))
                                    .count()
                            >= 4;
                });
            }
            var visit = events.stream()
                    .filter(e -> sessionId.equals(e.path("sessionId").asString()))
                    .map(e -> e.get("type").asString() + " " + e.get("name").asString() + " "
                            + e.get("url").asString().substring(site.length()))
                    .toList();
            assertThat(visit)
                    .containsExactlyInAnyOrder(
                            "pageview pageview /",
                            "pageview pageview /doctors",
                            "pageview pageview /doctors#contacts",
                            "click Call me back /doctors#contacts");
        } finally {
            driver.quit();
        }
    }
}
