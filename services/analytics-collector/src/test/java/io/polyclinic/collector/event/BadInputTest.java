package io.polyclinic.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.collector.CollectorTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Hostile and broken events: each refused with its problem, none published, the good event after them accepted. */
class BadInputTest extends CollectorTest {

    private record Case(String path, String body, int status, String type) {}

    @Test
    void eachBadInputIsRefusedWithItsProblemAndNothingIsPublished() {
        var site = newSite();
        Function<Map<String, Object>, String> event = overrides -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("siteId", site.trackingId());
            body.put("eventType", "pageview");
            body.put("url", site.page("/bad"));
            body.putAll(overrides);
            return JSON.writeValueAsString(body);
        };
        var tooManyProps = new LinkedHashMap<String, Object>();
        for (int i = 0; i < 31; i++) {
            tooManyProps.put("k" + i, "v");
        }
        var tenThousandProps = new StringBuilder("{\"siteId\":\"" + site.trackingId()
                + "\",\"eventType\":\"custom\",\"name\":\"x\",\"url\":\"" + site.page("/bad") + "\",\"props\":{");
        for (int i = 0; i < 10_000; i++) {
            tenThousandProps.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":1");
        }
        tenThousandProps.append("}}");
        var cases = new Case[] {
            new Case("/track", "{\"siteId\":", 400, "malformed-json"),
            new Case("/track", "[1,2]", 400, "malformed-json"),
            new Case("/track", "", 400, "malformed-json"),
            new Case("/track", event.apply(Map.of("eventType", "session_start")), 400, "invalid-type"),
            new Case("/track", event.apply(Map.of("url", "javascript:alert(1)")), 400, "invalid-url"),
            new Case("/track", event.apply(Map.of("url", "/relative")), 400, "invalid-url"),
            new Case("/track", event.apply(Map.of("url", site.page("/a\u0000b"))), 400, "control-characters"),
            new Case("/track", event.apply(Map.of("referrer", "javascript:alert(1)")), 400, "invalid-url"),
            new Case("/track", event.apply(Map.of("props", Map.of("x", "<script>alert(1)</script>"))), 400, "markup"),
            new Case("/track", event.apply(Map.of("props", Map.of("x", "line\nbreak"))), 400, "control-characters"),
            new Case("/track", event.apply(Map.of("props", Map.of("x", Map.of("nested", 1)))), 400, "invalid-props"),
            new Case("/track", event.apply(Map.of("props", tooManyProps)), 400, "too-many-props"),
            new Case("/track", tenThousandProps.toString(), 413, "payload-too-large"),
            new Case("/track", event.apply(Map.of("name", "x".repeat(121))), 400, "invalid-field"),
            new Case("/track", event.apply(Map.of("sessionId", "short")), 400, "invalid-field"),
            new Case("/track", event.apply(Map.of("screenWidth", "wide")), 400, "invalid-field"),
            new Case("/track", event.apply(Map.of("tracker", "evil")), 400, "unknown-field"),
            new Case("/track", event.apply(Map.of("siteId", "nobody")), 422, "unknown-site"),
            new Case("/track", event.apply(Map.of("url", "https://evil.example/bad")), 422, "foreign-url"),
            new Case(
                    "/track",
                    event.apply(Map.of("url", "https://" + site.domain() + ".evil.example/bad")),
                    422,
                    "foreign-url"),
            new Case(
                    "/track",
                    event.apply(
                            Map.of("timestamp", Instant.now().plusSeconds(3600).toString())),
                    422,
                    "timestamp-out-of-range"),
            new Case(
                    "/track",
                    event.apply(Map.of(
                            "timestamp", Instant.now().minusSeconds(3 * 86_400).toString())),
                    422,
                    "timestamp-out-of-range"),
            new Case("/track", event.apply(Map.of("timestamp", "yesterday")), 400, "invalid-field"),
            new Case(
                    "/api/event",
                    "{\"name\":\"pageview\",\"url\":\"" + site.page("/bad") + "\",\"domain\":\"nobody.example\"}",
                    422,
                    "unknown-site"),
            new Case(
                    "/api/event",
                    "{\"name\":\"pageview\",\"url\":\"" + site.page("/bad") + "\"}",
                    400,
                    "invalid-field"),
            new Case(
                    "/api/event",
                    "{\"n\":\"pageview\",\"u\":\"" + site.page("/bad") + "\",\"d\":\"" + site.domain()
                            + "\",\"p\":\"{not json\"}",
                    400,
                    "malformed-json"),
        };

        for (var c : cases) {
            var response = post(c.path(), c.body(), BROWSER, freshAddress());
            assertProblem(response, c.status(), c.type());
            assertThat(response.body()).doesNotContain("<script>").doesNotContain("Exception");
        }
        var garbage = post(
                "/track",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b},
                "application/octet-stream",
                BROWSER,
                freshAddress());
        assertProblem(garbage, 400, "malformed-json");
        var good = post("/track", track(site, "/good"), BROWSER, freshAddress());
        assertThat(good.statusCode()).isEqualTo(202);

        assertThat(eventsUntil(site, "/good"))
                .extracting(e -> e.url().substring(e.url().lastIndexOf('/')))
                .containsExactly("/ready", "/good");
    }

    @Test
    void aFloodFromOneAddressIsRateLimitedWithRetryAfterWhileOthersGoOn() {
        var site = newSite();
        var flooder = freshAddress();
        int accepted = 0;
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 60; i++) {
            var response = post("/track", track(site, "/flood"), BROWSER, flooder);
            if (response.statusCode() == 429) {
                limited++;
                assertProblem(response, 429, "rate-limited");
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            } else if (i < 40) {
                assertThat(response.statusCode()).isEqualTo(202);
                accepted++;
            }
        }
        // 40 a minute, refilled gradually: the burst passes, most of the rest is refused.
        assertThat(accepted).isEqualTo(40);
        assertThat(limited).isGreaterThanOrEqualTo(10);
        assertThat(retryAfter).isNotNull();
        assertThat(post("/track", track(site, "/other"), BROWSER, freshAddress())
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void theBodyCapIsAnsweredBeforeReading() {
        var big = ("{\"x\":\"" + "a".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(post("/track", big, "text/plain", BROWSER, freshAddress()), 413, "payload-too-large");
    }
}
