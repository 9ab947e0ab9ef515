package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppointmentApiTest extends BookingApiTest {

    private Response book(String token, Object slotId) {
        return post("/api/v1/appointments", token, Map.of("slotId", slotId));
    }

    @Test
    void aPatientBooksAFreeSlot() {
        var f = fixture();
        var start = hoursAhead(26);
        var slotId = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var booked = book(patientToken(patientId), slotId);
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        var id = booked.text("id");
        assertThat(booked.header("Location")).isEqualTo("/api/v1/appointments/" + id);
        assertThat(booked.text("slotId")).isEqualTo(slotId.toString());
        assertThat(booked.text("doctorId")).isEqualTo(f.doctorId().toString());
        assertThat(booked.text("patientId")).isEqualTo(patientId.toString());
        assertThat(booked.text("start")).isEqualTo(start.toString());
        assertThat(booked.text("end")).isEqualTo(start.plusSeconds(1800).toString());
        assertThat(booked.text("status")).isEqualTo("BOOKED");
        assertThat(booked.text("createdAt")).isNotBlank();
        assertThat(booked.text("doctorName")).startsWith("Doctor");

        assertThat(get("/api/v1/appointments/" + id, patientToken(patientId)).text("status"))
                .isEqualTo("BOOKED");
        assertThat(get("/api/v1/appointments/" + id, admin).status()).isEqualTo(200);
        get("/api/v1/appointments/" + id, patientToken(Ids.newId())).isProblem(404, null);
        get("/api/v1/appointments/" + Ids.newId(), admin).isProblem(404, null);
        get("/api/v1/appointments/" + id, null).isProblem(401, null);
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .items()
                        .size())
                .isZero();
    }

    @Test
    void aTakenSlotIsA409AndAnUnknownSlotA404() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(27), Duration.ofMinutes(30));
        assertThat(book(patientToken(Ids.newId()), slotId).status()).isEqualTo(201);
        var taken = book(patientToken(Ids.newId()), slotId).isProblem(409, "slot-already-booked");
        assertThat(taken.text("slotId")).isEqualTo(slotId.toString());
        book(patientToken(Ids.newId()), Ids.newId()).isProblem(404, "not-found");
    }

    @Test
    void aBlockedSlotIsA409() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(28), Duration.ofMinutes(30));
        post("/api/v1/admin/slots/" + slotId + "/block", admin, null);
        book(patientToken(Ids.newId()), slotId).isProblem(409, "slot-blocked");
    }

    @Test
    void tooShortNoticeAndPastSlotsAre422() {
        var f = fixture();
        var soon = createSlot(
                f.doctorId(),
                f.clinicId(),
                Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS),
                Duration.ofMinutes(20));
        book(patientToken(Ids.newId()), soon).isProblem(422, "too-short-notice");
        var past = Ids.newId();
        var start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at) values (?, ?, ?, ?, ?)")
                .params(past, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();
        book(patientToken(Ids.newId()), past).isProblem(422, "slot-in-past");
    }

    @Test
    void aDoctorWhoIsNotActiveCannotBeBooked() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(29), Duration.ofMinutes(30));
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));
        book(patientToken(Ids.newId()), slotId).isProblem(422, "doctor-not-available");
    }

    @Test
    void aPatientCannotHoldTwoOverlappingAppointments() {
        var f = fixture();
        var other = createDoctor("Other " + next(), f.specialty(), f.clinicId());
        var start = hoursAhead(31);
        var first = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var second = createSlot(other, f.clinicId(), start.plusSeconds(900), Duration.ofMinutes(30));
        var patient = patientToken(Ids.newId());
        assertThat(book(patient, first).status()).isEqualTo(201);
        book(patient, second).isProblem(409, "overlapping-appointment");
        assertThat(get("/api/v1/doctors/" + other + "/slots", null).items().size())
                .as("the slot stays free")
                .isEqualTo(1);
    }

    @Test
    void aPatientHoldsAtMostFiveFutureAppointments() {
        var f = fixture();
        var patient = patientToken(Ids.newId());
        for (int i = 0; i < 5; i++) {
            var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(40 + i), Duration.ofMinutes(30));
            assertThat(book(patient, slot).status()).isEqualTo(201);
        }
        var sixth = createSlot(f.doctorId(), f.clinicId(), hoursAhead(50), Duration.ofMinutes(30));
        book(patient, sixth).isProblem(422, "too-many-appointments");
    }

    @Test
    void onlyPatientsBook() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(32), Duration.ofMinutes(30));
        book(admin, slotId).isProblem(403, null);
        book(managerToken(Ids.newId()), slotId).isProblem(403, null);
        book(null, slotId).isProblem(401, null);
        book(TestJwtIssuer.shared().expiredToken(Ids.newId(), "PATIENT"), slotId)
                .isProblem(401, null);
        book(TestJwtIssuer.shared().forgedToken(Ids.newId(), "PATIENT"), slotId).isProblem(401, null);
    }

    @Test
    void badBookingBodiesAre400Or415() {
        var patient = patientToken(Ids.newId());
        send("POST", "/api/v1/appointments", patient, "{", "application/json").isProblem(400, "malformed-body");
        book(patient, "not-a-uuid").isProblem(400, "malformed-body");
        post("/api/v1/appointments", patient, Map.of("slotId", Ids.newId(), "extra", 1))
                .isProblem(400, "malformed-body");
        post("/api/v1/appointments", patient, Map.of()).isProblem(400, "validation-failed");
        send("POST", "/api/v1/appointments", patient, "slotId=x", "application/x-www-form-urlencoded")
                .isProblem(415, null);
        var huge = send(
                "POST",
                "/api/v1/appointments",
                patient,
                "{\"slotId\":\"" + "a".repeat(2_000_000) + "\"}",
                "application/json");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void cancellingFreesTheSlotForAnotherPatientAndTwiceIsA409() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(33), Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var patient = patientToken(patientId);
        var id = book(patient, slotId).text("id");
        var cancelled = post("/api/v1/appointments/" + id + "/cancel", patient, Map.of("reason", "Feeling better"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("cancelReason")).isEqualTo("Feeling better");
        assertThat(cancelled.text("cancelledBy")).isEqualTo(patientId.toString());
        post("/api/v1/appointments/" + id + "/cancel", patient, null).isProblem(409, "appointment-not-active");

        var second = book(patientToken(Ids.newId()), slotId);
        assertThat(second.status()).isEqualTo(201);
        post("/api/v1/appointments/" + second.text("id") + "/cancel", patient, null)
                .isProblem(404, null);
        post("/api/v1/appointments/" + Ids.newId() + "/cancel", patient, null).isProblem(404, null);
    }

    @Test
    void aPatientCannotCancelAfterTheCutoffButAnAdminCanWithAReason() {
        var f = fixture();
        var start = Instant.now().plus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        var slotId = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var patient = patientToken(Ids.newId());
        var id = book(patient, slotId).text("id");
        post("/api/v1/appointments/" + id + "/cancel", patient, Map.of()).isProblem(422, "cancel-cutoff-passed");
        post("/api/v1/appointments/" + id + "/cancel", admin, Map.of()).isProblem(400, "invalid-request");
        post("/api/v1/appointments/" + id + "/cancel", admin, Map.of("reason", "x".repeat(501)))
                .isProblem(400, "validation-failed");
        var cancelled = post("/api/v1/admin/appointments/" + id + "/cancel", admin, Map.of("reason", "Doctor is ill"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("cancelledBy")).isEqualTo(adminId.toString());
        assertThat(jdbc.sql("select status from slots where id = ?")
                        .param(slotId)
                        .query(String.class)
                        .single())
                .isEqualTo("AVAILABLE");
    }

    @Test
    void aManagerCancelsOnlyInTheirClinic() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(34), Duration.ofMinutes(30));
        var id = book(patientToken(Ids.newId()), slotId).text("id");
        var strangerId = Ids.newId();
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        post("/api/v1/appointments/" + id + "/cancel", managerToken(strangerId, otherClinic), Map.of("reason", "no"))
                .isProblem(404, null);
        var manager = managerToken(Ids.newId(), f.clinicId());
        assertThat(get("/api/v1/appointments/" + id, manager).status()).isEqualTo(200);
        assertThat(post("/api/v1/appointments/" + id + "/cancel", manager, Map.of("reason", "closed"))
                        .text("status"))
                .isEqualTo("CANCELLED");
    }

    @Test
    void myAppointmentsListsUpcomingAndPast() {
        var f = fixture();
        var patientId = Ids.newId();
        var patient = patientToken(patientId);
        var later = createSlot(f.doctorId(), f.clinicId(), hoursAhead(60), Duration.ofMinutes(30));
        var sooner = createSlot(f.doctorId(), f.clinicId(), hoursAhead(36), Duration.ofMinutes(30));
        book(patient, later);
        book(patient, sooner);
        var start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).withNano(0);
        var pastSlot = Ids.newId();
        jdbc.sql(
                        "insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, 'BOOKED')")
                .params(pastSlot, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'COMPLETED')
                """)
                .params(Ids.newId(), patientId, pastSlot, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();

        var upcoming = get("/api/v1/appointments/me", patient);
        assertThat(upcoming.body().get("totalItems").asInt()).isEqualTo(2);
        assertThat(upcoming.body().get("items").get(0).get("slotId").asString()).isEqualTo(sooner.toString());
        var past = get("/api/v1/appointments/me?scope=past", patient);
        assertThat(past.body().get("totalItems").asInt()).isEqualTo(1);
        assertThat(past.body().get("items").get(0).get("status").asString()).isEqualTo("COMPLETED");
        get("/api/v1/appointments/me?scope=soon", patient).isProblem(400, "invalid-request");
        get("/api/v1/appointments/me?size=101", patient).isProblem(400, null);
        get("/api/v1/appointments/me", null).isProblem(401, null);
        assertThat(get("/api/v1/appointments/me", patientToken(UUID.randomUUID()))
                        .body()
                        .get("totalItems")
                        .asInt())
                .isZero();
    }
}
