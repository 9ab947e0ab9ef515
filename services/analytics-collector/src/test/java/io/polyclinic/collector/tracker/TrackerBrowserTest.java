package io.polyclinic.collector.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.collector.CollectorTest;
import io.polyclinic.testkit.browser.Chromium;
import io.polyclinic.testkit.browser.RequiresChromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Headless Chromium on a page of another origin: {@code tracker.js} as served by the collector, and the npm package
 * {@code plausible-tracker} unmodified, each sending what a real visit produces, read back from Kafka.
 */
@ExtendWith(RequiresChromium.class)
class TrackerBrowserTest extends CollectorTest {

    @Test
    void aVisitSendsPageviewsSpaNavigationsClicksAndCustomEventsWithOneSessionId() {
        var site = newSite("b" + UUID.randomUUID().toString().substring(0, 8), List.of("localhost"));
        try (var pages = new TestPages(Map.of(
                        "COLLECTOR", "http://127.0.0.1:" + port, "TRACKING_ID", site.trackingId(), "DOMAIN", "x"));
                var browser = new Browser()) {
            var driver = browser.driver;
            driver.get(pages.origin() + "/");
            var sessionId = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> (String) driver.executeScript("return window.polyclinic && polyclinic('session')"),
                            id -> id != null);
            driver.findElement(By.id("spa")).click();
            driver.findElement(By.id("hash")).click();
            driver.findElement(By.id("callback")).click();
            driver.findElement(By.id("newsletter")).click();
            driver.findElement(By.id("book")).click();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl()
                    .contains("/booked?trackerSessionId=" + sessionId));

            var origin = pages.origin();
            var events = eventsUntil(
                    site,
                    found -> found.stream()
                                    .filter(e -> e.url().startsWith(origin))
                                    .count()
                            >= 6);
            var visit = events.stream().filter(e -> e.url().startsWith(origin)).toList();

            assertThat(visit)
                    .extracting(e -> e.value().get("type").asString() + " "
                            + e.value().get("name").asString() + " " + e.url().substring(origin.length()))
                    .containsExactlyInAnyOrder(
                            "pageview pageview /",
                            "pageview pageview /doctors",
                            "pageview pageview /doctors#contacts",
                            "click Call me back /doctors#contacts",
                            "custom Newsletter /doctors#contacts",
                            "pageview pageview /booked?trackerSessionId=" + sessionId);
            assertThat(visit).allSatisfy(e -> {
                assertThat(e.value().get("sessionId").asString()).isEqualTo(sessionId);
                assertThat(e.value().get("userAgent").asString()).contains("Chrome/");
            });
            var click = visit.stream()
                    .filter(e -> e.value().get("type").asString().equals("click"))
                    .findFirst()
                    .orElseThrow();
            assertThat(click.value().get("props").get("place").asString()).isEqualTo("header");

            // Global Privacy Control on: the tracker sends nothing (the later pageview proves the earlier is absent).
            driver.get(origin + "/gpc-page");
            driver.get(origin + "/after-gpc");
            var after = eventsUntil(
                    site, found -> found.stream().anyMatch(e -> e.url().endsWith("/after-gpc")));
            assertThat(after).noneMatch(e -> e.url().contains("/gpc-page"));
        }
    }

    @Test
    void theNpmPlausibleTrackerUnmodifiedSendsItsPageviewAndGoal() {
        var site = newSite("p" + UUID.randomUUID().toString().substring(0, 8), List.of("127.0.0.1", "localhost"));
        try (var pages = new TestPages(
                        Map.of("COLLECTOR", "http://127.0.0.1:" + port, "TRACKING_ID", "-", "DOMAIN", "127.0.0.1"));
                var browser = new Browser()) {
            browser.driver.get(pages.origin() + "/plausible");

            var events = eventsUntil(
                    site,
                    found -> found.stream()
                                    .filter(e -> e.url().endsWith("/plausible"))
                                    .count()
                            >= 2);
            var fromTracker =
                    events.stream().filter(e -> e.url().endsWith("/plausible")).toList();

            assertThat(fromTracker)
                    .extracting(e -> e.value().get("type").asString() + " "
                            + e.value().get("name").asString())
                    .containsExactlyInAnyOrder("pageview pageview", "custom Signup");
            assertThat(fromTracker)
                    .filteredOn(e -> e.value().get("type").asString().equals("custom"))
                    .allSatisfy(
                            e -> assertThat(e.value().get("props").get("plan").asString())
                                    .isEqualTo("gold"));
        }
    }

    /** Headless Chromium presenting a desktop Chrome's user agent: the collector filters {@code HeadlessChrome}. */
    private static final class Browser implements AutoCloseable {
        final ChromeDriver driver = Chromium.start(1280, 800);

        Browser() {
            driver.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", BROWSER));
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
