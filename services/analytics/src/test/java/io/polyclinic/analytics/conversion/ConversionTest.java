package io.polyclinic.analytics.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.analytics.LiveTest;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Booking conversions end to end through Kafka: a tracked visit from a campaign, then an appointment booked with the
 * visit's tracker session id, shows as a booking of that source and campaign in the site's "bookings" goal.
 */
class ConversionTest extends LiveTest {

    @Test
    void aBookingFromATrackedVisitIsAttributedToTheVisitsFirstSourceAndCampaign() {
        var site = newSiteOf("conversion.example");
        var session = "sess_" + UUID.randomUUID().toString().replace("-", "");
        var start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Garbage on both topics first: skipped, the pipeline goes on.
        publishTo(RawEvent.TOPIC, site[2], "{not json".getBytes(StandardCharsets.UTF_8));
        publishTo(EventTypes.BOOKING_TOPIC, "doctor", new byte[] {0, 1, 2});
        publishTo(
                RawEvent.TOPIC,
                site[2],
                pageview(
                        site[2],
                        session,
                        start.plusSeconds(30),
                        "https://conversion.example/doctors",
                        "https://conversion.example/"));
        publishTo(
                RawEvent.TOPIC,
                site[2],
                pageview(
                        site[2],
                        session,
                        start,
                        "https://conversion.example/?utm_source=newsletter&utm_medium=email&utm_campaign=winter%20checkup",
                        "https://mail.example/inbox"));
        var appointment = UUID.randomUUID();
        var booked = booked(appointment, session, start.plusSeconds(90));
        publishTo(EventTypes.BOOKING_TOPIC, "doctor", booked);
        publishTo(EventTypes.BOOKING_TOPIC, "doctor", booked);
        publishTo(EventTypes.BOOKING_TOPIC, "doctor", booked(UUID.randomUUID(), null, start.plusSeconds(95)));

        var token = manager(UUID.fromString(site[1]));
        var path = "/api/v1/analytics/reports/bookings?siteId=" + site[0] + "&from=" + start.minusSeconds(3600) + "&to="
                + start.plusSeconds(3600);
        await().atMost(WAIT).untilAsserted(() -> {
            var goal = get(path, token);
            assertThat(goal.get("bookings").asLong()).isEqualTo(1);
            assertThat(goal.get("visits").asLong()).isEqualTo(1);
        });
        JsonNode goal = get(path, token);
        assertThat(goal.get("conversionRate").asDouble()).isEqualTo(1.0);
        assertThat(goal.get("bySource").get(0).get("name").asString()).isEqualTo("newsletter");
        assertThat(goal.get("byCampaign").get(0).get("name").asString()).isEqualTo("winter checkup");
        assertThat(jdbc.sql("select entry_path from tracked_visits where tracker_session_id = ?")
                        .param(session)
                        .query(String.class)
                        .single())
                .as("the earlier pageview, though it arrived second")
                .isEqualTo("/");
    }

    @Test
    void theBookingsGoalIsTheSiteOwnersOnlyAndAPeriodIsChecked() {
        var site = newSiteOf("goal-scope.example");
        var base = "/api/v1/analytics/reports/bookings?siteId=" + site[0];

        assertThat(send(
                                "GET",
                                base + "&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                                manager(UUID.randomUUID()),
                                null)
                        .statusCode())
                .isEqualTo(404);
        var token = manager(UUID.fromString(site[1]));
        assertThat(send("GET", base + "&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", token, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", base + "&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", token, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", base + "&from=yesterday&to=2026-01-01T00:00:00Z", token, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(base + "&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", token)
                        .get("bookings")
                        .asLong())
                .isZero();
    }

    private static byte[] pageview(String trackingId, String session, Instant at, String url, String referrer) {
        var event = new RawEvent(
                RawEvent.VERSION,
                UUID.randomUUID().toString(),
                trackingId,
                RawEvent.PAGEVIEW,
                "pageview",
                url,
                referrer,
                Map.of(),
                null,
                at,
                null,
                "203.0.113.7",
                "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
                1280,
                session);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] booked(UUID appointment, String session, Instant at) {
        var data = new AppointmentEventData(
                appointment,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Anna Petrova",
                UUID.randomUUID(),
                "Central",
                "Tverskaya 1",
                "Europe/Moscow",
                UUID.randomUUID(),
                "p@example.com",
                "en",
                at.plusSeconds(86_400),
                at.plusSeconds(88_200),
                "BOOKED",
                null,
                null,
                null,
                null,
                null,
                session);
        return JSON.writeValueAsBytes(
                EventEnvelope.of(UUID.randomUUID(), EventTypes.APPOINTMENT_BOOKED, at, "booking", data));
    }
}
