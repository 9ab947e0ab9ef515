package io.polyclinic.booking.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingPlanApiTest extends BookingApiTest {

    private Map<String, Object> plan(Object clinicId, LocalDate from, LocalDate to) {
        var plan = new HashMap<String, Object>();
        plan.put("clinicId", clinicId);
        plan.put("from", from.toString());
        plan.put("to", to.toString());
        plan.put("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"));
        plan.put("startTime", "09:00");
        plan.put("endTime", "12:00");
        plan.put("breaks", List.of(Map.of("start", "10:00", "end", "10:30")));
        plan.put("slotMinutes", 30);
        return plan;
    }

    @Test
    void aPlanGeneratesSlotsInTheClinicsZoneAndSkipsOverlapsOnASecondRun() {
        var clinic = createClinic("Владивосток", "Asia/Vladivostok");
        var doctor = createDoctor("Planned " + next(), createSpecialty(), clinic);
        var zone = ZoneId.of("Asia/Vladivostok");
        var from = LocalDate.now(zone).plusDays(2);
        var to = from.plusDays(1);
        var result = post("/api/v1/admin/doctors/" + doctor + "/working-plans", admin, plan(clinic, from, to));
        assertThat(result.status()).as(result.raw().body()).isEqualTo(201);
        // 09:00-10:00 (2) + 10:30-12:00 (3) = 5 per day
        assertThat(result.body().get("created").asInt()).isEqualTo(10);
        assertThat(result.body().get("skipped").asInt()).isZero();
        assertThat(result.text("timeZone")).isEqualTo("Asia/Vladivostok");

        var slots = get("/api/v1/doctors/" + doctor + "/slots?from=" + from + "&to=" + to, null);
        assertThat(slots.items().size()).isEqualTo(10);
        assertThat(slots.body().get("totalItems").asLong()).isEqualTo(10);
        assertThat(slots.items().get(0).get("start").asString())
                .isEqualTo(from.atTime(9, 0).atZone(zone).toInstant().toString());
        assertThat(slots.items().get(2).get("start").asString())
                .isEqualTo(from.atTime(10, 30).atZone(zone).toInstant().toString());

        var again =
                post("/api/v1/admin/doctors/" + doctor + "/working-plans", admin, plan(clinic, from, to.plusDays(1)));
        assertThat(again.body().get("created").asInt()).isEqualTo(5);
        assertThat(again.body().get("skipped").asInt()).isEqualTo(10);
    }

    @Test
    void aPlanSkipsSlotsOverlappingExistingOnes() {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var doctor = createDoctor("Overlap " + next(), createSpecialty(), clinic);
        var zone = ZoneId.of("Europe/Moscow");
        var day = LocalDate.now(zone).plusDays(3);
        createSlot(doctor, clinic, day.atTime(9, 15).atZone(zone).toInstant(), Duration.ofMinutes(30));
        var result = post("/api/v1/admin/doctors/" + doctor + "/working-plans", admin, plan(clinic, day, day));
        assertThat(result.body().get("created").asInt()).isEqualTo(3);
        assertThat(result.body().get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void invalidPlansAreRejected() {
        var f = fixture();
        var today = LocalDate.now();
        var path = "/api/v1/admin/doctors/" + f.doctorId() + "/working-plans";
        post(path, admin, plan(f.clinicId(), today.plusDays(5), today)).isProblem(400, "invalid-request");
        post(path, admin, plan(f.clinicId(), today, today.plusDays(100))).isProblem(400, "invalid-request");
        var inverted = plan(f.clinicId(), today, today);
        inverted.put("endTime", "08:00");
        post(path, admin, inverted).isProblem(400, "invalid-request");
        var badDay = plan(f.clinicId(), today, today);
        badDay.put("days", List.of("FUNDAY"));
        post(path, admin, badDay).isProblem(400, "malformed-body");
        var badLength = plan(f.clinicId(), today, today);
        badLength.put("slotMinutes", 1);
        post(path, admin, badLength).isProblem(400, "validation-failed");
        post("/api/v1/admin/doctors/" + Ids.newId() + "/working-plans", admin, plan(f.clinicId(), today, today))
                .isProblem(404, null);
        post(path, admin, plan(createClinic("Омск", "Asia/Omsk"), today, today)).isProblem(422, "doctor-not-in-clinic");
        post(path, patientToken(Ids.newId()), plan(f.clinicId(), today, today)).isProblem(403, null);
        post(path, managerToken(Ids.newId()), plan(f.clinicId(), today, today)).isProblem(403, "not-clinic-manager");
    }
}
