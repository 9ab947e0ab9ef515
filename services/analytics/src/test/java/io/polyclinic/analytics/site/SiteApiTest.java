package io.polyclinic.analytics.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.AnalyticsTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/analytics/sites} as managers, admins, patients and strangers see it. */
class SiteApiTest extends AnalyticsTest {

    private static String site(UUID clinic, String name, String domains, String zone) {
        return "{\"clinicId\":\"" + clinic + "\",\"name\":\"" + name + "\",\"domains\":" + domains + ",\"timeZone\":\""
                + zone + "\"}";
    }

    @Test
    void aManagerAddsASiteForTheirClinicAndGetsAnUnguessableTrackingIdAndTheSnippet() throws Exception {
        var clinic = UUID.randomUUID();
        var token = manager(clinic);

        var response = call(
                "POST",
                "/api/v1/analytics/sites",
                token,
                site(clinic, "Clinic web", "[\"WWW.Clinic.example\",\"clinic.example\"]", "Europe/Berlin"));

        assertThat(response.statusCode()).isEqualTo(201);
        var body = JSON.readTree(response.body());
        var trackingId = body.get("trackingId").asString();
        assertThat(trackingId)
                .matches("[A-Za-z0-9_-]{22}")
                .isNotEqualTo(body.get("id").asString());
        assertThat(body.get("domains").toString()).isEqualTo("[\"www.clinic.example\",\"clinic.example\"]");
        assertThat(body.get("snippet").asString())
                .startsWith("<script")
                .contains("data-site=\"" + trackingId + "\"")
                .contains("/tracker.js");
        var fetched = call("GET", "/api/v1/analytics/sites/" + body.get("id").asString(), token, null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body()).get("timeZone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void everyChangeIsPublishedForTheCollectorThroughTheOutbox() throws Exception {
        var created = newSite("UTC");
        var id = created.get("id").asString();
        var trackingId = created.get("trackingId").asString();

        var changed = call(
                "PUT",
                "/api/v1/analytics/sites/" + id,
                ADMIN,
                site(
                        UUID.fromString(created.get("clinicId").asString()),
                        "Renamed",
                        "[\"new.example\"]",
                        "Asia/Tokyo"));
        var deleted = call("DELETE", "/api/v1/analytics/sites/" + id, ADMIN, null);

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(deleted.statusCode()).isEqualTo(204);
        var records = jdbc.sql("select payload::text from outbox where destination = 'analytics.sites' and msg_key = ?"
                        + " order by id")
                .param(trackingId)
                .query(String.class)
                .list();
        assertThat(records).hasSize(3);
        assertThat(JSON.readTree(records.get(1)).get("domains").toString()).isEqualTo("[\"new.example\"]");
        assertThat(JSON.readTree(records.get(1)).get("timeZone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(JSON.readTree(records.get(2)).get("active").asBoolean()).isFalse();
        var audited = jdbc.sql("select count(*) from outbox where destination = 'audit' and payload::text like ?")
                .param("%" + id + "%")
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(3);
        assertThat(call("GET", "/api/v1/analytics/sites/" + id, ADMIN, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aManagerSeesAndChangesOnlyTheirClinicsSites() throws Exception {
        var mine = UUID.randomUUID();
        var theirs = UUID.randomUUID();
        var me = manager(mine);
        var other = manager(theirs);
        var created = JSON.readTree(
                call("POST", "/api/v1/analytics/sites", other, site(theirs, "Theirs", "[\"theirs.example\"]", "UTC"))
                        .body());
        var theirId = created.get("id").asString();
        call("POST", "/api/v1/analytics/sites", me, site(mine, "Mine", "[\"mine.example\"]", "UTC"));

        assertThat(call("POST", "/api/v1/analytics/sites", me, site(theirs, "X", "[\"x.example\"]", "UTC"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/analytics/sites/" + theirId, me, null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/analytics/sites/" + theirId, me, null)
                        .statusCode())
                .isEqualTo(404);
        var list = JSON.readTree(
                call("GET", "/api/v1/analytics/sites?size=100", me, null).body());
        assertThat(list.get("totalItems").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("name").asString()).isEqualTo("Mine");
        var all = JSON.readTree(
                call("GET", "/api/v1/analytics/sites?size=100", ADMIN, null).body());
        assertThat(all.get("totalItems").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void patientsAreRefusedAndStrangersMustAuthenticate() throws Exception {
        var patient = io.polyclinic.testkit.jwt.TestJwtIssuer.shared().token(UUID.randomUUID(), "p@test", "PATIENT");

        assertThat(call("GET", "/api/v1/analytics/sites", patient, null).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/analytics/sites", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void badInputIsA400Problem() throws Exception {
        var clinic = UUID.randomUUID();
        String[] bodies = {
            site(clinic, "A", "[\"not a host\"]", "UTC"),
            site(clinic, "A", "[\"<script>.example\"]", "UTC"),
            site(clinic, "A", "[]", "UTC"),
            site(clinic, "A", "[\"a.example\"]", "Mars/Olympus"),
            site(clinic, "x".repeat(201), "[\"a.example\"]", "UTC"),
            "{\"clinicId\":",
            "[]"
        };
        for (var body : bodies) {
            var response = call("POST", "/api/v1/analytics/sites", ADMIN, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }
}
