package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A clinic's appointments of one local day, the list the staff mark no-shows from. */
class ClinicDayApiTest extends BookingApiTest {

    private static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");

    private UUID book(UUID patient, UUID slotId) {
        var booked = post("/api/v1/appointments", patientToken(patient), Map.of("slotId", slotId));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        return UUID.fromString(booked.text("id"));
    }

    private UUID slotAt(UUID doctor, UUID clinic, LocalDate day, LocalTime time) {
        return createSlot(doctor, clinic, day.atTime(time).atZone(VLADIVOSTOK).toInstant(), Duration.ofMinutes(30));
    }

    @Test
    void theDayIsTheClinicsLocalDayAndItsAppointmentsComeByStartWithDoctorAndPatient() {
        var clinic = createClinic("Владивосток", "Asia/Vladivostok");
        var doctor = createDoctor("Day Doctor " + next(), createSpecialty(), clinic);
        var day = LocalDate.now(VLADIVOSTOK).plusDays(3);
        var early = Ids.newId();
        var late = Ids.newId();
        var tomorrow = Ids.newId();
        var lateId = book(late, slotAt(doctor, clinic, day, LocalTime.of(23, 30)));
        var earlyId = book(early, slotAt(doctor, clinic, day, LocalTime.of(0, 30)));
        book(tomorrow, slotAt(doctor, clinic, day.plusDays(1), LocalTime.of(0, 30)));
        slotAt(doctor, clinic, day, LocalTime.of(12, 0));

        var answer = get("/api/v1/admin/clinics/" + clinic + "/appointments?date=" + day, admin);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.text("timeZone")).isEqualTo("Asia/Vladivostok");
        assertThat(answer.text("date")).isEqualTo(day.toString());
        var page = answer.body().get("page");
        assertThat(page.get("totalItems").asInt())
                .as("00:30 and 23:30 local, not the next day's 00:30 nor a free slot")
                .isEqualTo(2);
        var items = page.get("items");
        assertThat(items.get(0).get("id").asString()).isEqualTo(earlyId.toString());
        assertThat(items.get(1).get("id").asString()).isEqualTo(lateId.toString());
        assertThat(items.get(0).get("patientEmail").asString()).isEqualTo(early + "@patients.test");
        assertThat(items.get(0).get("doctorName").asString()).startsWith("Day Doctor ");
        assertThat(items.get(0).get("status").asString()).isEqualTo("BOOKED");
        assertThat(items.get(0).get("start").asString())
                .isEqualTo(day.atTime(0, 30).atZone(VLADIVOSTOK).toInstant().toString());
    }

    @Test
    void aStatusFilterAndPagingNarrowTheDay() {
        var clinic = createClinic("Владивосток", "Asia/Vladivostok");
        var doctor = createDoctor("Paged Doctor " + next(), createSpecialty(), clinic);
        var day = LocalDate.now(VLADIVOSTOK).plusDays(4);
        var ids = new ArrayList<UUID>();
        for (var hour = 9; hour < 12; hour++) {
            var patient = Ids.newId();
            ids.add(book(patient, slotAt(doctor, clinic, day, LocalTime.of(hour, 0))));
        }
        assertThat(post("/api/v1/appointments/" + ids.get(1) + "/cancel", admin, Map.of("reason", "Doctor ill"))
                        .status())
                .isEqualTo(200);

        var path = "/api/v1/admin/clinics/" + clinic + "/appointments?date=" + day;
        var booked = get(path + "&status=BOOKED", admin).body().get("page");
        assertThat(booked.get("totalItems").asInt()).isEqualTo(2);
        var cancelled = get(path + "&status=CANCELLED", admin).body().get("page");
        assertThat(cancelled.get("items").get(0).get("id").asString())
                .isEqualTo(ids.get(1).toString());
        var second = get(path + "&page=1&size=2", admin).body().get("page");
        assertThat(second.get("totalItems").asInt()).isEqualTo(3);
        assertThat(second.get("totalPages").asInt()).isEqualTo(2);
        assertThat(second.get("items").get(0).get("id").asString())
                .isEqualTo(ids.get(2).toString());
    }

    @Test
    void withoutADateItIsTodayInTheClinicsZone() {
        var clinic = createClinic("Владивосток", "Asia/Vladivostok");
        var answer = get("/api/v1/admin/clinics/" + clinic + "/appointments", admin);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.text("date"))
                .isIn(
                        LocalDate.now(VLADIVOSTOK).toString(),
                        LocalDate.now(VLADIVOSTOK).minusDays(1).toString());
        assertThat(answer.body().get("page").get("totalItems").asInt()).isZero();
    }

    @Test
    void onlyTheClinicsManagersAndAdminsSeeItsDay() {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var other = createClinic("Москва", "Europe/Moscow");
        var path = "/api/v1/admin/clinics/" + clinic + "/appointments";
        assertThat(get(path, managerToken(Ids.newId(), clinic)).status()).isEqualTo(200);
        get(path, managerToken(Ids.newId(), other)).isProblem(403, "not-clinic-manager");
        get(path, patientToken(Ids.newId())).isProblem(403, null);
        get(path, null).isProblem(401, null);
        get("/api/v1/admin/clinics/" + Ids.newId() + "/appointments", admin).isProblem(404, "not-found");
    }

    @Test
    void badParametersAreProblemsNotErrors() {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var path = "/api/v1/admin/clinics/" + clinic + "/appointments";
        get(path + "?date=2026-13-01", admin).isProblem(400, null);
        get(path + "?date=%3Cscript%3E", admin).isProblem(400, null);
        get(path + "?status=LOST", admin).isProblem(400, null);
        get(path + "?size=101", admin).isProblem(400, null);
        get("/api/v1/admin/clinics/not-a-uuid/appointments", admin).isProblem(400, null);
    }
}
