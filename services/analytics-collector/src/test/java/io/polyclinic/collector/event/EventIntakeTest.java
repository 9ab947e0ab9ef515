package io.polyclinic.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.collector.CollectorTest;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.schema.ContractSchemas;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events in both formats through HTTP into Kafka, as a tracker or a Plausible client sends them. */
class EventIntakeTest extends CollectorTest {

    @Test
    void aTrackedEventIsInKafkaKeyedBySiteWithTheClientsAddressAndAgent() {
        var site = newSite();
        var body = new LinkedHashMap<String, Object>();
        body.put("siteId", site.trackingId());
        body.put("eventType", "click");
        body.put("name", "Book now");
        body.put("url", site.page("/doctors?utm_source=newsletter"));
        body.put("referrer", "https://www.google.com/");
        body.put("timestamp", Instant.now().minusSeconds(5).toString());
        body.put("sessionId", "a1b2c3d4e5f6a7b8c9d0e1f2");
        body.put("screenWidth", 1280);
        body.put("props", Map.of("doctor", "Ivanova", "slot", 3, "urgent", true));
        var address = freshAddress();

        var response = post("/track", JSON.writeValueAsString(body), BROWSER, address);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("accepted");
        // Sent whole, with its length: a chunked answer costs the collector one more socket write per event.
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        var eventId = JSON.readTree(response.body()).get("eventId").asString();
        var events = eventsUntil(site, "/doctors?utm_source=newsletter");
        var event = events.getLast();
        assertThat(event.key()).isEqualTo(site.trackingId());
        var value = event.value();
        assertThat(ContractSchemas.forProducers().problems(RawEvent.CONTRACT, value))
                .isEmpty();
        assertThat(value.get("eventId").asString()).isEqualTo(eventId);
        assertThat(value.get("trackingId").asString()).isEqualTo(site.trackingId());
        assertThat(value.get("type").asString()).isEqualTo("click");
        assertThat(value.get("name").asString()).isEqualTo("Book now");
        assertThat(value.get("clientIp").asString()).isEqualTo(address);
        assertThat(value.get("userAgent").asString()).isEqualTo(BROWSER);
        assertThat(value.get("sessionId").asString()).isEqualTo("a1b2c3d4e5f6a7b8c9d0e1f2");
        assertThat(value.get("screenWidth").asInt()).isEqualTo(1280);
        assertThat(value.get("props").get("slot").asString()).isEqualTo("3");
        assertThat(value.get("props").get("urgent").asString()).isEqualTo("true");
        assertThat(value.get("referrer").asString()).isEqualTo("https://www.google.com/");
        assertThat(value.get("receivedAt").asString()).isNotBlank();
    }

    @Test
    void aServerSidePlausibleClientIsAnswered202OkAndItsEventsArePublished() {
        var site = newSite();
        var pageview = Map.of(
                "name",
                "pageview",
                "url",
                site.page("/plausible-long"),
                "domain",
                site.domain(),
                "referrer",
                "https://duckduckgo.com/");
        var goal = Map.of(
                "name", "Signup",
                "url", site.page("/plausible-goal"),
                "domain", site.domain(),
                "props", Map.of("plan", "basic"),
                "revenue", Map.of("amount", 1500.5, "currency", "rub"));

        var first = post("/api/event", JSON.writeValueAsBytes(pageview), "application/json", BROWSER, freshAddress());
        var second = post("/api/event", JSON.writeValueAsBytes(goal), "application/json", BROWSER, freshAddress());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEqualTo("ok");
        assertThat(second.statusCode()).isEqualTo(202);
        var events = eventsUntil(site, "/plausible-goal");
        var view = events.stream()
                .filter(e -> e.url().endsWith("/plausible-long"))
                .findFirst()
                .orElseThrow();
        assertThat(view.value().get("type").asString()).isEqualTo("pageview");
        assertThat(view.value().get("referrer").asString()).isEqualTo("https://duckduckgo.com/");
        var custom = events.getLast().value();
        assertThat(custom.get("type").asString()).isEqualTo("custom");
        assertThat(custom.get("name").asString()).isEqualTo("Signup");
        assertThat(custom.get("props").get("plan").asString()).isEqualTo("basic");
        assertThat(custom.get("revenue").get("amount").asString()).isEqualTo("1500.5");
        assertThat(custom.get("revenue").get("currency").asString()).isEqualTo("RUB");
    }

    @Test
    void plausibleBrowserTrackersShortFieldsWithPropsAsAJsonStringAreAccepted() {
        var site = newSite();
        // As the plausible-tracker npm package sends it: text/plain, short names, p a JSON string, h the hash mode.
        var body = "{\"n\":\"Outbound Link: Click\",\"u\":\"" + site.page("/short") + "\",\"d\":\"www." + site.domain()
                + "\",\"r\":null,\"w\":390,\"h\":0,\"p\":\"{\\\"url\\\":\\\"https://partner.example/\\\"}\"}";

        var response = post("/api/event", body, BROWSER, freshAddress());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        var event = eventsUntil(site, "/short").getLast().value();
        assertThat(event.get("type").asString()).isEqualTo("outbound");
        assertThat(event.get("screenWidth").asInt()).isEqualTo(390);
        assertThat(event.get("props").get("url").asString()).isEqualTo("https://partner.example/");
        assertThat(event.get("referrer").isNull()).isTrue();
    }

    @Test
    void botsAndPlausibleEngagementEventsAreAnsweredButNotPublished() {
        var site = newSite();
        var googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

        var bot = post("/track", track(site, "/bot"), googlebot, freshAddress());
        var curl = post("/track", track(site, "/curl"), "curl/8.5.0", freshAddress());
        var noAgent = post("/track", track(site, "/no-agent"), null, freshAddress());
        var headless = post(
                "/api/event",
                "{\"n\":\"pageview\",\"u\":\"" + site.page("/headless") + "\",\"d\":\"" + site.domain() + "\"}",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0",
                freshAddress());
        var engagement = post(
                "/api/event",
                "{\"n\":\"engagement\",\"u\":\"" + site.page("/engagement") + "\",\"d\":\"" + site.domain() + "\"}",
                BROWSER,
                freshAddress());
        var human = post("/track", track(site, "/human"), BROWSER, freshAddress());

        assertThat(bot.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(bot.body()).get("reason").asString()).isEqualTo("bot");
        assertThat(curl.statusCode()).isEqualTo(202);
        assertThat(noAgent.statusCode()).isEqualTo(202);
        assertThat(headless.statusCode()).isEqualTo(202);
        assertThat(engagement.statusCode()).isEqualTo(202);
        assertThat(human.statusCode()).isEqualTo(202);
        assertThat(eventsUntil(site, "/human"))
                .extracting(e -> e.url().substring(e.url().lastIndexOf('/')))
                .containsExactly("/ready", "/human");
    }

    @Test
    void aSiteUpdateAndATombstoneAreFollowed() {
        var site = newSite();
        publishSite(new io.polyclinic.contracts.analytics.SiteRecord(
                1, site.trackingId(), java.util.List.of(site.domain()), "UTC", false));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> post("/track", track(site, "/inactive"), BROWSER, freshAddress())
                                .statusCode()
                        == 422);
        publishSite(new io.polyclinic.contracts.analytics.SiteRecord(
                1, site.trackingId(), java.util.List.of("other.example"), "UTC", true));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> post(
                                        "/track",
                                        "{\"siteId\":\"" + site.trackingId()
                                                + "\",\"eventType\":\"pageview\",\"url\":\"https://other.example/x\"}",
                                        BROWSER,
                                        freshAddress())
                                .statusCode()
                        == 202);
        send("analytics.sites", site.trackingId(), null);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> post(
                                        "/track",
                                        "{\"siteId\":\"" + site.trackingId()
                                                + "\",\"eventType\":\"pageview\",\"url\":\"https://other.example/y\"}",
                                        BROWSER,
                                        freshAddress())
                                .statusCode()
                        == 422);
    }
}
