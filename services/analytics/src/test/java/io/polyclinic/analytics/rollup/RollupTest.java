package io.polyclinic.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.AnalyticsTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sessions and the hourly and daily rollups, including events that arrive late. */
class RollupTest extends AnalyticsTest {

    private static String local(Instant at) {
        return at.toString().replace("T", " ").replace("Z", "");
    }

    private void send(String trackingId, Instant at, String path) {
        publish(rawEvent(trackingId, "pageview", "https://clinic.example" + path, at));
    }

    @Test
    void sessionsEndAfterThirtyMinutesAndLateEventsMoveTheirContribution() throws Exception {
        var site = newSite("UTC");
        var siteId = site.get("id").asString();
        var trackingId = site.get("trackingId").asString();
        var day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        var ten = day.plus(Duration.ofHours(10));

        send(trackingId, ten, "/a");
        send(trackingId, ten.plus(Duration.ofMinutes(10)), "/b");
        send(trackingId, ten.plus(Duration.ofMinutes(50)), "/c");
        awaitStored(siteId, 3);

        assertThat(sessions(siteId)).isEqualTo(2);
        assertThat(rollup(siteId, "day", local(day), "total", ""))
                .containsAllEntriesOf(Map.of(
                        "pageviews", 3L, "visitors", 1L, "sessions", 2L, "bounces", 1L, "duration_seconds", 600L));

        // Late: 15 minutes before the first session, in the hour before; it becomes that session's entry.
        send(trackingId, ten.minus(Duration.ofMinutes(15)), "/landing");
        awaitStored(siteId, 4);

        assertThat(sessions(siteId)).isEqualTo(2);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rollup(siteId, "day", local(day), "total", ""))
                    .containsAllEntriesOf(Map.of(
                            "pageviews", 4L, "visitors", 1L, "sessions", 2L, "bounces", 1L, "duration_seconds", 1500L));
            assertThat(rollup(siteId, "hour", local(ten.minus(Duration.ofHours(1))), "total", ""))
                    .containsAllEntriesOf(Map.of("pageviews", 1L, "sessions", 1L, "visitors", 1L));
            assertThat(rollup(siteId, "hour", local(ten), "total", ""))
                    .containsAllEntriesOf(Map.of("pageviews", 3L, "sessions", 1L, "visitors", 1L));
            assertThat(rollup(siteId, "day", local(day), "page", "/landing")).containsEntry("sessions", 1L);
            assertThat(rollup(siteId, "day", local(day), "page", "/a"))
                    .containsEntry("sessions", 0L)
                    .containsEntry("pageviews", 1L);
        });

        // Late by hours: a session of its own, in its own hour; the day still has one visitor.
        send(trackingId, ten.minus(Duration.ofHours(3)), "/early");
        awaitStored(siteId, 5);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rollup(siteId, "hour", local(ten.minus(Duration.ofHours(3))), "total", ""))
                    .containsAllEntriesOf(Map.of("pageviews", 1L, "sessions", 1L, "visitors", 1L, "bounces", 1L));
            assertThat(rollup(siteId, "day", local(day), "total", ""))
                    .containsAllEntriesOf(Map.of("pageviews", 5L, "visitors", 1L, "sessions", 3L, "bounces", 2L));
        });
    }

    @Test
    void anotherBrowserIsAnotherVisitorInTheBreakdowns() throws Exception {
        var site = newSite("UTC");
        var siteId = site.get("id").asString();
        var trackingId = site.get("trackingId").asString();
        var at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        var phone = rawEvent(trackingId, "pageview", "https://clinic.example/", at);
        phone.put("userAgent", IPHONE);

        send(trackingId, at, "/");
        publish(phone);
        awaitStored(siteId, 2);

        var day = local(at.truncatedTo(ChronoUnit.DAYS));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rollup(siteId, "day", day, "total", "")).containsEntry("visitors", 2L);
            assertThat(rollup(siteId, "day", day, "device", "Phone")).containsEntry("visitors", 1L);
            assertThat(rollup(siteId, "day", day, "device", "Desktop")).containsEntry("visitors", 1L);
            assertThat(rollup(siteId, "day", day, "source", "Direct / None")).containsEntry("sessions", 2L);
        });
    }

    private long sessions(String siteId) {
        return jdbc.sql("select count(*) from sessions where site_id = ?::uuid")
                .param(siteId)
                .query(Long.class)
                .single();
    }
}
