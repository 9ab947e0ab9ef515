package io.polyclinic.booking.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The moderation queue: every review, the visible or the hidden ones, for admins only. */
class ReviewModerationApiTest extends BookingApiTest {

    /** A completed visit of a new patient with the fixture's doctor {@code daysAgo} days ago, reviewed through the API. */
    private String reviewedVisit(Fixture f, int daysAgo, int rating, String text) {
        var patient = Ids.newId();
        var start = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusDays(daysAgo);
        var slot = Ids.newId();
        jdbc.sql(
                        "insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, 'BOOKED')")
                .params(slot, f.doctorId(), f.clinicId(), start, start.plusMinutes(20))
                .update();
        var visit = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'COMPLETED')
                """)
                .params(visit, patient, slot, f.doctorId(), f.clinicId(), start, start.plusMinutes(20))
                .update();
        var posted = post(
                "/api/v1/doctors/" + f.doctorId() + "/reviews",
                patientToken(patient),
                Map.of("appointmentId", visit, "rating", rating, "text", text));
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(201);
        return posted.text("id");
    }

    private static JsonNode find(JsonNode items, String id) {
        for (var item : items) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void theQueueShowsNewReviewsFirstAndHiddenOnesWithTheirReason() {
        var f = fixture();
        var kind = reviewedVisit(f, 3, 5, "Very attentive");
        var rude = reviewedVisit(f, 2, 1, "<b>Rude</b> & loud");

        var all = get("/api/v1/admin/reviews?size=100", admin).items();
        assertThat(all.get(0).get("id").asString()).as("newest first").isEqualTo(rude);
        assertThat(all.get(1).get("id").asString()).isEqualTo(kind);
        assertThat(all.get(0).get("text").asString()).isEqualTo("<b>Rude</b> & loud");
        assertThat(all.get(0).get("doctorName").asString()).startsWith("Doctor ");
        assertThat(all.get(0).get("hiddenAt").isNull()).isTrue();
        assertThat(all.get(0).has("patientId")).as("the author is not shown").isFalse();

        assertThat(post("/api/v1/admin/reviews/" + rude + "/hide", admin, Map.of("reason", "Insults"))
                        .status())
                .isEqualTo(204);
        var hidden = get("/api/v1/admin/reviews?hidden=true&size=100", admin).items();
        assertThat(hidden.get(0).get("id").asString())
                .as("most recently hidden first")
                .isEqualTo(rude);
        assertThat(hidden.get(0).get("hiddenReason").asString()).isEqualTo("Insults");
        assertThat(hidden.get(0).get("hiddenAt").asString()).isNotBlank();
        assertThat(find(hidden, kind)).isNull();
        var visible = get("/api/v1/admin/reviews?hidden=false&size=100", admin).items();
        assertThat(find(visible, rude)).isNull();
        assertThat(find(visible, kind)).isNotNull();

        assertThat(post("/api/v1/admin/reviews/" + rude + "/unhide", admin, null)
                        .status())
                .isEqualTo(204);
        assertThat(find(get("/api/v1/admin/reviews?hidden=true&size=100", admin).items(), rude))
                .isNull();
    }

    @Test
    void onlyAdminsModerateAndBadParametersAreProblems() {
        var f = fixture();
        get("/api/v1/admin/reviews", managerToken(Ids.newId(), f.clinicId())).isProblem(403, null);
        get("/api/v1/admin/reviews", patientToken(Ids.newId())).isProblem(403, null);
        get("/api/v1/admin/reviews", null).isProblem(401, null);
        get("/api/v1/admin/reviews?hidden=maybe", admin).isProblem(400, null);
        get("/api/v1/admin/reviews?size=101", admin).isProblem(400, null);
        var page = get("/api/v1/admin/reviews?page=0&size=1", admin);
        assertThat(page.body().get("size").asInt()).isEqualTo(1);
        assertThat(UUID.fromString(page.items().get(0).get("id").asString())).isNotNull();
    }
}
