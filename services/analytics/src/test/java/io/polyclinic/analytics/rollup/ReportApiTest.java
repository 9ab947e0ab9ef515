package io.polyclinic.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.AnalyticsTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/analytics/reports/summary}: figures in the site's time zone, and bad requests. */
class ReportApiTest extends AnalyticsTest {

    @Test
    void eventsCountOnTheSitesLocalDayAndHour() throws Exception {
        var site = newSite("America/New_York");
        var siteId = site.get("id").asString();
        var utcDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        // 03:30 UTC is 22:30 (EST) or 23:30 (EDT) of the day before in New York.
        var at = utcDay.atTime(3, 30).toInstant(ZoneOffset.UTC);
        publish(rawEvent(site.get("trackingId").asString(), "pageview", "https://clinic.example/x", at));
        awaitStored(siteId, 1);

        var localDay = utcDay.minusDays(1);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            var report = JSON.readTree(call(
                            "GET",
                            "/api/v1/analytics/reports/summary?siteId=" + siteId + "&from=" + localDay + "&to="
                                    + localDay,
                            ADMIN,
                            null)
                    .body());
            assertThat(report.get("timeZone").asString()).isEqualTo("America/New_York");
            assertThat(report.get("granularity").asString()).isEqualTo("hour");
            assertThat(report.get("totals").get("pageviews").asLong()).isEqualTo(1);
            assertThat(report.get("totals").get("visitors").asLong()).isEqualTo(1);
            assertThat(report.get("totals").get("bounceRate").asDouble()).isEqualTo(1.0);
            assertThat(report.get("series")).hasSize(24);
            var hour = at.atZone(java.time.ZoneId.of("America/New_York")).getHour();
            assertThat(report.get("series")
                            .get(hour)
                            .get("figures")
                            .get("pageviews")
                            .asLong())
                    .isEqualTo(1);
            assertThat(report.get("breakdowns").get("page").get(0).get("value").asString())
                    .isEqualTo("/x");
        });
        var nextDay = JSON.readTree(call(
                        "GET",
                        "/api/v1/analytics/reports/summary?siteId=" + siteId + "&from=" + utcDay + "&to=" + utcDay,
                        ADMIN,
                        null)
                .body());
        assertThat(nextDay.get("totals").get("pageviews").asLong()).isZero();
        var month = JSON.readTree(
                call("GET", "/api/v1/analytics/reports/summary?siteId=" + siteId + "&period=month", ADMIN, null)
                        .body());
        assertThat(month.get("granularity").asString()).isEqualTo("day");
        assertThat(month.get("series")).hasSize(30);
        assertThat(month.get("totals").get("pageviews").asLong()).isEqualTo(1);
    }

    @Test
    void badPeriodsAreA400AndForeignSitesA404() throws Exception {
        var site = newSite("UTC");
        var base = "/api/v1/analytics/reports/summary?siteId=" + site.get("id").asString();
        for (var query : new String[] {
            "",
            "&period=year",
            "&period=day&from=2026-01-01&to=2026-01-02",
            "&from=2026-01-02&to=2026-01-01",
            "&from=2024-01-01&to=2026-01-01",
            "&from=yesterday&to=today"
        }) {
            var response = call("GET", base + query, ADMIN, null);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(call("GET", base + "&period=day", manager(UUID.randomUUID()), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/analytics/reports/summary?siteId=nope&period=day", ADMIN, null)
                        .statusCode())
                .isEqualTo(400);
    }
}
