package io.polyclinic.booking.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.appointment.AppointmentCompletionJob;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** S3 "Reviews": who may review, one per appointment, rating kept in step, hidden reviews, bad input. */
class ReviewApiTest extends BookingApiTest {

    @Autowired
    private AppointmentCompletionJob completionJob;

    /**
     * An appointment of the patient with the doctor that started {@code hoursAgo} h 45 min ago and lasted 30 minutes,
     * in this status (distinct hours per doctor, so the doctor's slots never overlap).
     */
    private UUID pastAppointment(Fixture f, UUID patientId, int hoursAgo, String status) {
        var start = OffsetDateTime.now(ZoneOffset.UTC)
                .withNano(0)
                .minusHours(hoursAgo)
                .minusMinutes(45);
        var slotId = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), "BOOKED")
                .update();
        var id = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, patientId, slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), status)
                .update();
        return id;
    }

    private static Map<String, Object> review(Object appointmentId, Object rating, Object text) {
        var body = new HashMap<String, Object>();
        body.put("appointmentId", appointmentId);
        body.put("rating", rating);
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    private Response postReview(Fixture f, UUID patientId, Object body) {
        return post("/api/v1/doctors/" + f.doctorId() + "/reviews", patientToken(patientId), body);
    }

    private long reviewCount(UUID doctorId) {
        return jdbc.sql("select count(*) from reviews where doctor_id = ?")
                .param(doctorId)
                .query(Long.class)
                .single();
    }

    @Test
    void aPatientReviewsADoctorAfterTheVisitIsCompletedAndTheCardsRatingFollows() {
        var f = fixture();
        var first = Ids.newId();
        var second = Ids.newId();
        var firstVisit = pastAppointment(f, first, 5, "BOOKED");
        var secondVisit = pastAppointment(f, second, 3, "BOOKED");
        completionJob.completeDue();

        var posted = postReview(f, first, review(firstVisit, 5, "Great"));
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(201);
        var id = posted.text("id");
        assertThat(posted.header("Location")).isEqualTo("/api/v1/doctors/" + f.doctorId() + "/reviews/" + id);
        assertThat(posted.text("doctorId")).isEqualTo(f.doctorId().toString());
        assertThat(posted.body().get("rating").asInt()).isEqualTo(5);
        assertThat(posted.text("text")).isEqualTo("Great");
        assertThat(posted.text("createdAt")).isNotBlank();
        assertThat(posted.body().has("patientId")).as("the author is not shown").isFalse();
        assertThat(get(posted.header("Location"), null).text("id")).isEqualTo(id);
        assertThat(postReview(f, second, review(secondVisit, 2, null)).status()).isEqualTo(201);

        var card = get("/api/v1/doctors/" + f.doctorId(), null);
        assertThat(card.body().get("rating").asDouble()).isEqualTo(3.5);
        assertThat(card.body().get("reviewCount").asInt()).isEqualTo(2);
        var page = get("/api/v1/doctors/" + f.doctorId() + "/reviews", null);
        assertThat(page.body().get("totalItems").asInt()).isEqualTo(2);
        assertThat(page.items().get(0).get("rating").asInt()).as("newest first").isEqualTo(2);
        assertThat(page.items().get(0).get("text").isNull()).isTrue();
        assertThat(page.items().get(1).get("text").asString()).isEqualTo("Great");
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/reviews?page=1&size=1", null)
                        .items()
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);
    }

    @Test
    void reviewTextIsStoredAsGivenAndReturnedAsEscapedJson() {
        var f = fixture();
        var patient = Ids.newId();
        var visit = pastAppointment(f, patient, 2, "COMPLETED");
        var text = "<script>alert(\"x\")</script> & 'quotes'\nВторая строка";
        var posted = postReview(f, patient, review(visit, 4, text));
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(201);
        assertThat(posted.contentType()).startsWith("application/json");
        assertThat(posted.raw().body()).contains("\\\"x\\\"").contains("\\n");
        assertThat(posted.text("text")).isEqualTo(text);
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/reviews", null)
                        .items()
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo(text);
    }

    @Test
    void aSecondReviewOfTheSameAppointmentIsA409AndChangesNothing() {
        var f = fixture();
        var patient = Ids.newId();
        var visit = pastAppointment(f, patient, 2, "COMPLETED");
        assertThat(postReview(f, patient, review(visit, 5, "Good")).status()).isEqualTo(201);
        postReview(f, patient, review(visit, 1, "Changed my mind")).isProblem(409, "review-exists");
        assertThat(reviewCount(f.doctorId())).isEqualTo(1);
        var card = get("/api/v1/doctors/" + f.doctorId(), null);
        assertThat(card.body().get("rating").asDouble()).isEqualTo(5.0);
        assertThat(card.body().get("reviewCount").asInt()).isEqualTo(1);
    }

    @Test
    void withoutACompletedAppointmentWithThisDoctorThereIsNoReview() {
        var f = fixture();
        var other = fixture();
        var patient = Ids.newId();
        var future = post(
                        "/api/v1/appointments",
                        patientToken(patient),
                        Map.of(
                                "slotId",
                                createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30))))
                .text("id");
        var running = Ids.newId();
        var started = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusMinutes(10);
        var runningSlot = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(runningSlot, f.doctorId(), f.clinicId(), started, started.plusMinutes(30), "BOOKED")
                .update();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'BOOKED')
                """)
                .params(running, patient, runningSlot, f.doctorId(), f.clinicId(), started, started.plusMinutes(30))
                .update();
        var noShow = pastAppointment(f, patient, 2, "NO_SHOW");
        var cancelled = pastAppointment(f, patient, 4, "CANCELLED");
        var strangers = pastAppointment(f, Ids.newId(), 6, "COMPLETED");
        var withOtherDoctor = pastAppointment(other, patient, 8, "COMPLETED");
        for (var appointment :
                new Object[] {future, running, noShow, cancelled, strangers, withOtherDoctor, Ids.newId()}) {
            postReview(f, patient, review(appointment, 5, "x")).isProblem(422, "no-completed-appointment");
        }
        post("/api/v1/doctors/" + Ids.newId() + "/reviews", patientToken(patient), review(withOtherDoctor, 5, "x"))
                .isProblem(404, "not-found");
        assertThat(reviewCount(f.doctorId())).isZero();
        assertThat(reviewCount(other.doctorId())).isZero();
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null)
                        .body()
                        .get("reviewCount")
                        .asInt())
                .isZero();
    }

    @Test
    void badReviewBodiesAreProblemsAndStoreNothing() {
        var f = fixture();
        var patient = Ids.newId();
        var visit = pastAppointment(f, patient, 2, "COMPLETED");
        postReview(f, patient, review(visit, 0, null)).isProblem(400, "validation-failed");
        postReview(f, patient, review(visit, 6, null)).isProblem(400, "validation-failed");
        postReview(f, patient, review(visit, -1, null)).isProblem(400, "validation-failed");
        postReview(f, patient, review(visit, "5", null)).isProblem(400, "malformed-body");
        postReview(f, patient, review(visit, 4.5, null)).isProblem(400, "malformed-body");
        postReview(f, patient, review(visit, null, null)).isProblem(400, "validation-failed");
        postReview(f, patient, review(null, 5, null)).isProblem(400, "validation-failed");
        postReview(f, patient, review(visit, 5, "x".repeat(2001))).isProblem(400, "validation-failed");
        postReview(f, patient, review(visit, 5, 42)).isProblem(400, "malformed-body");
        send("POST", "/api/v1/doctors/" + f.doctorId() + "/reviews", patientToken(patient), "{", "application/json")
                .isProblem(400, "malformed-body");
        post("/api/v1/doctors/" + f.doctorId() + "/reviews", admin, review(visit, 5, null))
                .isProblem(403, null);
        post("/api/v1/doctors/" + f.doctorId() + "/reviews", null, review(visit, 5, null))
                .isProblem(401, null);
        get("/api/v1/doctors/" + f.doctorId() + "/reviews?size=101", null).isProblem(400, null);
        get("/api/v1/doctors/" + Ids.newId() + "/reviews", null).isProblem(404, "not-found");
        assertThat(reviewCount(f.doctorId())).isZero();
        assertThat(postReview(f, patient, review(visit, 5, "x".repeat(2000))).status())
                .isEqualTo(201);
    }

    @Test
    void anAdminHidesAnAbusiveReviewWhichThenLeavesTheCardAndTheRating() {
        var f = fixture();
        var kind = Ids.newId();
        var rude = Ids.newId();
        postReview(f, kind, review(pastAppointment(f, kind, 2, "COMPLETED"), 4, "Fine"));
        var rudeId = postReview(f, rude, review(pastAppointment(f, rude, 3, "COMPLETED"), 1, "Abuse"))
                .text("id");
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null)
                        .body()
                        .get("rating")
                        .asDouble())
                .isEqualTo(2.5);

        var managerId = Ids.newId();
        post(
                        "/api/v1/admin/reviews/" + rudeId + "/hide",
                        managerToken(managerId, f.clinicId()),
                        Map.of("reason", "abuse"))
                .isProblem(403, null);
        post("/api/v1/admin/reviews/" + rudeId + "/hide", patientToken(kind), Map.of("reason", "abuse"))
                .isProblem(403, null);
        post("/api/v1/admin/reviews/" + rudeId + "/hide", admin, Map.of()).isProblem(400, "validation-failed");
        post("/api/v1/admin/reviews/" + rudeId + "/hide", admin, Map.of("reason", "x".repeat(501)))
                .isProblem(400, "validation-failed");
        post("/api/v1/admin/reviews/" + Ids.newId() + "/hide", admin, Map.of("reason", "abuse"))
                .isProblem(404, "not-found");

        assertThat(post("/api/v1/admin/reviews/" + rudeId + "/hide", admin, Map.of("reason", "Insults staff"))
                        .status())
                .isEqualTo(204);
        assertThat(post("/api/v1/admin/reviews/" + rudeId + "/hide", admin, Map.of("reason", "again"))
                        .status())
                .as("hiding twice is harmless")
                .isEqualTo(204);
        var card = get("/api/v1/doctors/" + f.doctorId(), null);
        assertThat(card.body().get("rating").asDouble()).isEqualTo(4.0);
        assertThat(card.body().get("reviewCount").asInt()).isEqualTo(1);
        var page = get("/api/v1/doctors/" + f.doctorId() + "/reviews", null);
        assertThat(page.body().get("totalItems").asInt()).isEqualTo(1);
        assertThat(page.items().get(0).get("text").asString()).isEqualTo("Fine");
        get("/api/v1/doctors/" + f.doctorId() + "/reviews/" + rudeId, null).isProblem(404, null);
        assertThat(jdbc.sql("select hidden_reason from reviews where id = ?::uuid")
                        .param(rudeId)
                        .query(String.class)
                        .single())
                .isEqualTo("Insults staff");
        assertThat(audit.single("REVIEW_HIDDEN", "review", rudeId).details())
                .as("hiding twice records one change")
                .containsEntry("reason", "Insults staff");

        assertThat(post("/api/v1/admin/reviews/" + rudeId + "/unhide", admin, null)
                        .status())
                .isEqualTo(204);
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null)
                        .body()
                        .get("reviewCount")
                        .asInt())
                .isEqualTo(2);
        assertThat(audit.single("REVIEW_SHOWN", "review", rudeId).details()).containsEntry("doctorId", f.doctorId());
    }

    @Test
    void concurrentReviewsOfOneDoctorAllCountInTheRating() throws Exception {
        var f = fixture();
        int patients = 24;
        var futures = new ArrayList<Future<Response>>();
        var gate = new CountDownLatch(1);
        int sum = 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < patients; i++) {
                var patient = Ids.newId();
                var visit = pastAppointment(f, patient, 2 + i, "COMPLETED");
                int rating = i % 5 + 1;
                sum += rating;
                futures.add(executor.submit(() -> {
                    gate.await();
                    return postReview(f, patient, review(visit, rating, "Visit"));
                }));
            }
            gate.countDown();
            for (var future : futures) {
                assertThat(future.get().status()).isEqualTo(201);
            }
        }
        var card = get("/api/v1/doctors/" + f.doctorId(), null);
        assertThat(card.body().get("reviewCount").asInt()).isEqualTo(patients);
        assertThat(card.body().get("rating").asDouble()).isEqualTo(Math.round(sum * 100.0 / patients) / 100.0);
    }

    @Test
    void theDatabaseItselfRefusesASecondReviewOfAnAppointmentAndRatingsOutsideOneToFive() {
        var f = fixture();
        var patient = Ids.newId();
        var visit = pastAppointment(f, patient, 2, "COMPLETED");
        var insert = "insert into reviews (id, appointment_id, doctor_id, patient_id, rating) values (?, ?, ?, ?, ?)";
        jdbc.sql(insert).params(Ids.newId(), visit, f.doctorId(), patient, 3).update();
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params(Ids.newId(), visit, f.doctorId(), patient, 4)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        var other = pastAppointment(f, patient, 4, "COMPLETED");
        for (int rating : new int[] {0, 6}) {
            assertThatThrownBy(() -> jdbc.sql(insert)
                            .params(Ids.newId(), other, f.doctorId(), patient, rating)
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }
}
