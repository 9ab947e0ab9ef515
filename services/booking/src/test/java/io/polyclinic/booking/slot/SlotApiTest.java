package io.polyclinic.booking.slot;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotApiTest extends BookingApiTest {

    private Map<String, Object> slot(Object clinicId, Object start, Object end) {
        return Map.of("clinicId", clinicId, "start", start.toString(), "end", end.toString());
    }

    @Test
    void anAdminCreatesASlotAndPatientsSeeItAsFree() {
        var f = fixture();
        var start = hoursAhead(48);
        var created = post(
                "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                admin,
                slot(f.clinicId(), start, start.plusSeconds(1800)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("AVAILABLE");
        assertThat(created.text("start")).isEqualTo(start.toString());
        assertThat(created.text("doctorId")).isEqualTo(f.doctorId().toString());
        assertThat(created.header("Location")).endsWith("/api/v1/admin/slots/" + created.text("id"));

        var day = LocalDate.ofInstant(start, ZoneId.of("Europe/Moscow"));
        var free = get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day + "&to=" + day, null);
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.body().size()).isEqualTo(1);
        assertThat(free.body().get(0).get("id").asString()).isEqualTo(created.text("id"));
        assertThat(get(
                                "/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day.plusDays(1) + "&to="
                                        + day.plusDays(1),
                                null)
                        .body()
                        .size())
                .isZero();
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .body()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void anOverlappingSlotIsA409() {
        var f = fixture();
        var start = hoursAhead(50);
        createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(f.clinicId(), start.plusSeconds(600), start.plusSeconds(2400)))
                .isProblem(409, "slot-overlaps");
    }

    @Test
    void invalidSlotsAreRejected() {
        var f = fixture();
        var start = hoursAhead(50);
        post("/api/v1/admin/doctors/" + f.doctorId() + "/slots", admin, slot(f.clinicId(), start, start))
                .isProblem(400, "invalid-request");
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(f.clinicId(), start.minusSeconds(86400 * 3), start.minusSeconds(86400 * 3 - 1800)))
                .isProblem(422, "slot-in-past");
        post("/api/v1/admin/doctors/" + f.doctorId() + "/slots", admin, slot(f.clinicId(), "tomorrow", start))
                .isProblem(400, "malformed-body");
        var otherClinic = createClinic("Пермь", "Asia/Yekaterinburg");
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(otherClinic, start, start.plusSeconds(1800)))
                .isProblem(422, "doctor-not-in-clinic");
        post(
                        "/api/v1/admin/doctors/" + Ids.newId() + "/slots",
                        admin,
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(404, null);
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        patientToken(Ids.newId()),
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(403, null);
        get("/api/v1/doctors/" + Ids.newId() + "/slots", null).isProblem(404, null);
        var today = LocalDate.now();
        get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + today + "&to=" + today.minusDays(1), null)
                .isProblem(400, "invalid-request");
        get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + today + "&to=" + today.plusDays(40), null)
                .isProblem(400, "invalid-request");
    }

    @Test
    void blockingUnblockingAndDeletingFollowTheSlotsStatus() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(60), Duration.ofMinutes(30));
        var blocked = post("/api/v1/admin/slots/" + slotId + "/block", admin, null);
        assertThat(blocked.text("status")).isEqualTo("BLOCKED");
        assertThat(post("/api/v1/admin/slots/" + slotId + "/block", admin, null).text("status"))
                .isEqualTo("BLOCKED");
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .body()
                        .size())
                .isZero();
        assertThat(get("/api/v1/admin/doctors/" + f.doctorId() + "/slots?status=BLOCKED", admin)
                        .body()
                        .size())
                .isEqualTo(1);
        assertThat(post("/api/v1/admin/slots/" + slotId + "/unblock", admin, null)
                        .text("status"))
                .isEqualTo("AVAILABLE");

        var patient = Ids.newId();
        assertThat(post("/api/v1/appointments", patientToken(patient), Map.of("slotId", slotId))
                        .status())
                .isEqualTo(201);
        post("/api/v1/admin/slots/" + slotId + "/block", admin, null).isProblem(409, "slot-booked");
        delete("/api/v1/admin/slots/" + slotId, admin).isProblem(409, "slot-booked");

        var other = createSlot(f.doctorId(), f.clinicId(), hoursAhead(70), Duration.ofMinutes(30));
        assertThat(delete("/api/v1/admin/slots/" + other, admin).status()).isEqualTo(204);
        delete("/api/v1/admin/slots/" + other, admin).isProblem(404, null);
        post("/api/v1/admin/slots/" + Ids.newId() + "/unblock", admin, null).isProblem(404, null);
        post("/api/v1/admin/slots/not-a-uuid/block", admin, null).isProblem(400, null);
    }

    @Test
    void aManagerOfAnotherClinicCannotTouchTheSlot() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(80), Duration.ofMinutes(30));
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        var managerId = Ids.newId();
        put("/api/v1/admin/clinics/" + otherClinic + "/managers", admin, Map.of("userIds", List.of(managerId)));
        var manager = managerToken(managerId);
        post("/api/v1/admin/slots/" + slotId + "/block", manager, null).isProblem(403, "not-clinic-manager");
        delete("/api/v1/admin/slots/" + slotId, manager).isProblem(403, "not-clinic-manager");
        var start = hoursAhead(90);
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        manager,
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(403, "not-clinic-manager");

        put("/api/v1/admin/clinics/" + f.clinicId() + "/managers", admin, Map.of("userIds", List.of(managerId)));
        assertThat(post("/api/v1/admin/slots/" + slotId + "/block", manager, null)
                        .status())
                .isEqualTo(200);
    }
}
