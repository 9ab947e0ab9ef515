package io.polyclinic.booking.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DoctorApiTest extends BookingApiTest {

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private List<String> names(String query) {
        var response = get("/api/v1/doctors?" + query, null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        var names = new ArrayList<String>();
        for (JsonNode item : response.body().get("items")) {
            names.add(item.get("fullName").asString());
        }
        return names;
    }

    @Test
    void searchFindsPartialCyrillicAndLatinNamesIgnoringCaseAndYo() {
        var f = fixture();
        createDoctor("Семёнова Алёна Петровна", f.specialty(), f.clinicId());
        createDoctor("Dr. Jonathan McAllister", f.specialty(), f.clinicId());
        createDoctor("Иванов Пётр", f.specialty(), f.clinicId());
        var s = "specialty=" + f.specialty() + "&name=";

        assertThat(names(s + enc("семен"))).containsExactly("Семёнова Алёна Петровна");
        assertThat(names(s + enc("СЕМЁН"))).containsExactly("Семёнова Алёна Петровна");
        assertThat(names(s + enc("алена"))).containsExactly("Семёнова Алёна Петровна");
        assertThat(names(s + enc("петр"))).containsExactlyInAnyOrder("Семёнова Алёна Петровна", "Иванов Пётр");
        assertThat(names(s + enc("mcall"))).containsExactly("Dr. Jonathan McAllister");
        assertThat(names(s + enc("JONATHAN mcallister"))).containsExactly("Dr. Jonathan McAllister");
        assertThat(names(s + enc("Jonatan"))).as("typo tolerant").containsExactly("Dr. Jonathan McAllister");
        assertThat(names(s + enc("%"))).isEmpty();
        assertThat(names(s + enc("_"))).isEmpty();
        assertThat(names(s + enc("'; drop table doctors; --"))).isEmpty();
    }

    @Test
    void searchFiltersBySpecialtyCityAndStatus() {
        var specialty = createSpecialty();
        var city = "Город" + next();
        var there = createClinic(city, "Asia/Novosibirsk");
        var elsewhere = createClinic("Elsewhere" + next(), "Europe/Moscow");
        var a = createDoctor("Alpha " + next(), specialty, there);
        createDoctor("Beta " + next(), specialty, elsewhere);
        var c = createDoctor("Gamma " + next(), specialty, there, elsewhere);
        patch("/api/v1/admin/doctors/" + c + "/status", admin, Map.of("status", "ON_LEAVE"));

        assertThat(names("specialty=" + specialty)).hasSize(3);
        var inCity =
                get("/api/v1/doctors?specialty=" + specialty + "&city=" + enc(city.toLowerCase()) + "&sort=name", null);
        assertThat(inCity.body().get("totalItems").asInt()).isEqualTo(2);
        var first = inCity.body().get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo(a.toString());
        assertThat(first.get("specialties").get(0).get("code").asString()).isEqualTo(specialty);
        assertThat(first.get("specialties").get(0).get("name").asString()).startsWith("Specialty");
        assertThat(first.get("clinics").get(0).get("timeZone").asString()).isEqualTo("Asia/Novosibirsk");
        assertThat(first.get("rating").asDouble()).isZero();
        assertThat(first.get("reviewCount").asInt()).isZero();
        assertThat(first.get("nearestFreeSlot").isNull()).isTrue();
        assertThat(names("specialty=" + specialty + "&status=ON_LEAVE")).hasSize(1);
        var ru = getInLanguage("/api/v1/doctors?specialty=" + specialty, "ru-RU,ru;q=0.9");
        assertThat(ru.body()
                        .get("items")
                        .get(0)
                        .get("specialties")
                        .get(0)
                        .get("name")
                        .asString())
                .startsWith("Специальность");
    }

    @Test
    void searchByDateFindsDoctorsWithAFreeSlotThatLocalDayAndShowsTheNearestSlot() {
        var specialty = createSpecialty();
        var clinic = createClinic("Владивосток", "Asia/Vladivostok");
        var free = createDoctor("Free " + next(), specialty, clinic);
        var busy = createDoctor("Busy " + next(), specialty, clinic);
        var zone = ZoneId.of("Asia/Vladivostok");
        var day = LocalDate.now(zone).plusDays(5);
        // 08:00 local on that day is 22:00 UTC the day before: the local date decides
        var start = day.atTime(8, 0).atZone(zone).toInstant();
        var slot = createSlot(free, clinic, start, Duration.ofMinutes(30));
        var blocked = createSlot(busy, clinic, start, Duration.ofMinutes(30));
        post("/api/v1/admin/slots/" + blocked + "/block", admin, null);

        var response = get("/api/v1/doctors?specialty=" + specialty + "&date=" + day, null);
        assertThat(response.body().get("totalItems").asInt()).isEqualTo(1);
        var hit = response.body().get("items").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(free.toString());
        var nearest = hit.get("nearestFreeSlot");
        assertThat(nearest.get("id").asString()).isEqualTo(slot.toString());
        assertThat(nearest.get("start").asString()).isEqualTo(start.toString());
        assertThat(nearest.get("end").asString())
                .isEqualTo(start.plusSeconds(1800).toString());
        assertThat(nearest.get("clinicId").asString()).isEqualTo(clinic.toString());

        assertThat(names("specialty=" + specialty + "&date=" + day.plusDays(1))).isEmpty();
        assertThat(names("specialty=" + specialty + "&from=" + day.minusDays(2) + "&to=" + day))
                .hasSize(1);
        var sorted = get("/api/v1/doctors?specialty=" + specialty + "&sort=nearestSlot", null);
        assertThat(sorted.body().get("items").get(0).get("id").asString()).isEqualTo(free.toString());
        assertThat(sorted.body().get("items").get(1).get("nearestFreeSlot").isNull())
                .isTrue();
    }

    @Test
    void aDateRangeWithACityAndSpecialtyListsEachDoctorOnceWithAFreeSlotInThatCity() {
        var specialty = createSpecialty();
        var other = createSpecialty();
        var city = "Запад" + next();
        var here = createClinic(city, "Europe/Kaliningrad");
        var elsewhere = createClinic("Восток" + next(), "Asia/Vladivostok");
        var zone = ZoneId.of("Europe/Kaliningrad");
        var day = LocalDate.now(zone).plusDays(4);
        var twoDays = createDoctor("Twodays " + next(), specialty, here);
        var onlyElsewhere = createDoctor("Elsewhere " + next(), specialty, here, elsewhere);
        var blockedOnly = createDoctor("Blocked " + next(), specialty, here);
        var otherSpecialty = createDoctor("Other " + next(), other, here);
        createSlot(twoDays, here, day.atTime(9, 0).atZone(zone).toInstant(), Duration.ofMinutes(30));
        createSlot(twoDays, here, day.plusDays(1).atTime(9, 0).atZone(zone).toInstant(), Duration.ofMinutes(30));
        createSlot(onlyElsewhere, elsewhere, day.atTime(10, 0).atZone(zone).toInstant(), Duration.ofMinutes(30));
        var blocked =
                createSlot(blockedOnly, here, day.atTime(11, 0).atZone(zone).toInstant(), Duration.ofMinutes(30));
        post("/api/v1/admin/slots/" + blocked + "/block", admin, null);
        createSlot(otherSpecialty, here, day.atTime(12, 0).atZone(zone).toInstant(), Duration.ofMinutes(30));
        var range = "&from=" + day.minusDays(1) + "&to=" + day.plusDays(2);

        var both = get("/api/v1/doctors?city=" + enc(city) + "&specialty=" + specialty + range, null);
        assertThat(both.body().get("totalItems").asInt()).isEqualTo(1);
        assertThat(both.body().get("items").get(0).get("id").asString()).isEqualTo(twoDays.toString());
        assertThat(names("city=" + enc(city) + range + "&sort=name"))
                .containsExactly(
                        get("/api/v1/doctors/" + otherSpecialty, null).text("fullName"),
                        get("/api/v1/doctors/" + twoDays, null).text("fullName"));
        assertThat(names("specialty=" + specialty + range + "&sort=name"))
                .containsExactly(
                        get("/api/v1/doctors/" + onlyElsewhere, null).text("fullName"),
                        get("/api/v1/doctors/" + twoDays, null).text("fullName"));
    }

    @Test
    void searchByCityAndDateAloneMatchesTheClinicsLocalDay() {
        var specialty = createSpecialty();
        var city = "Восток" + next();
        var clinic = createClinic(city, "Asia/Vladivostok");
        var free = createDoctor("Free " + next(), specialty, clinic);
        var busy = createDoctor("Busy " + next(), specialty, clinic);
        var zone = ZoneId.of("Asia/Vladivostok");
        var day = LocalDate.now(zone).plusDays(6);
        // 08:00 local is 22:00 UTC the day before; without a name or specialty the day's free slots drive the search
        var start = day.atTime(8, 0).atZone(zone).toInstant();
        var slot = createSlot(free, clinic, start, Duration.ofMinutes(30));
        var blocked = createSlot(busy, clinic, start.plusSeconds(3600), Duration.ofMinutes(30));
        post("/api/v1/admin/slots/" + blocked + "/block", admin, null);
        var c = "city=" + enc(city);

        var response = get("/api/v1/doctors?" + c + "&date=" + day, null);
        assertThat(response.body().get("totalItems").asInt()).isEqualTo(1);
        var hit = response.body().get("items").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(free.toString());
        assertThat(hit.get("nearestFreeSlot").get("id").asString()).isEqualTo(slot.toString());
        assertThat(names(c + "&date=" + day.minusDays(1))).isEmpty();
        assertThat(names(c + "&date=" + day.plusDays(1))).isEmpty();
        assertThat(names(c + "&from=" + day.minusDays(1) + "&to=" + day + "&sort=nearestSlot"))
                .hasSize(1);
        assertThat(names(c + "&from=" + day.plusDays(1) + "&to=" + day.plusDays(2) + "&sort=name"))
                .isEmpty();
    }

    @Test
    void aDoctorOnLeaveShowsNoFreeSlotAnywhere() {
        var f = fixture();
        var start = hoursAhead(30);
        createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var day = LocalDate.ofInstant(start, ZoneId.of("Europe/Moscow"));
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));

        var hits = get("/api/v1/doctors?specialty=" + f.specialty(), null);
        assertThat(hits.body().get("totalItems").asInt()).isEqualTo(1);
        assertThat(hits.body().get("items").get(0).get("nearestFreeSlot").isNull())
                .isTrue();
        assertThat(names("specialty=" + f.specialty() + "&date=" + day)).isEmpty();
        assertThat(get("/api/v1/doctors/" + f.doctorId(), null)
                        .body()
                        .get("nearestFreeSlot")
                        .isNull())
                .isTrue();
        var free = get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day + "&to=" + day, null);
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.items().size()).isZero();
        assertThat(free.body().get("totalItems").asLong()).isZero();
    }

    @Test
    void theNearestFreeSlotIsTheFirstOneMatchingTheCityAndDateFilters() {
        var specialty = createSpecialty();
        var moscow = createClinic("Москва" + next(), "Europe/Moscow");
        var kazanCity = "Казань" + next();
        var kazan = createClinic(kazanCity, "Europe/Moscow");
        var doctor = createDoctor("Two Cities " + next(), specialty, moscow, kazan);
        var early = hoursAhead(30);
        createSlot(doctor, moscow, early, Duration.ofMinutes(30));
        var inKazan = createSlot(doctor, kazan, early.plus(Duration.ofHours(24)), Duration.ofMinutes(30));
        var later = createSlot(doctor, moscow, early.plus(Duration.ofHours(72)), Duration.ofMinutes(30));

        var byCity = get("/api/v1/doctors?specialty=" + specialty + "&city=" + enc(kazanCity), null);
        var nearest = byCity.body().get("items").get(0).get("nearestFreeSlot");
        assertThat(nearest.get("id").asString()).isEqualTo(inKazan.toString());
        assertThat(nearest.get("clinicId").asString()).isEqualTo(kazan.toString());

        var laterDay = LocalDate.ofInstant(early.plus(Duration.ofHours(72)), ZoneId.of("Europe/Moscow"));
        var byDate = get("/api/v1/doctors?specialty=" + specialty + "&date=" + laterDay + "&sort=nearestSlot", null);
        assertThat(byDate.body()
                        .get("items")
                        .get(0)
                        .get("nearestFreeSlot")
                        .get("id")
                        .asString())
                .isEqualTo(later.toString());
    }

    @Test
    void aDoctorRemovedFromAClinicCanNoLongerBeBookedThere() {
        var f = fixture();
        var other = createClinic("Самара", "Europe/Samara");
        put("/api/v1/admin/doctors/" + f.doctorId(), admin, doctorBody(f.specialty(), f.clinicId(), other));
        var start = hoursAhead(40);
        var slot = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var kept = createSlot(f.doctorId(), other, start.plus(Duration.ofHours(1)), Duration.ofMinutes(30));

        var edited = put("/api/v1/admin/doctors/" + f.doctorId(), admin, doctorBody(f.specialty(), other));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);

        var free = get("/api/v1/doctors/" + f.doctorId() + "/slots", null);
        assertThat(free.items().size()).isEqualTo(1);
        assertThat(free.items().get(0).get("id").asString()).isEqualTo(kept.toString());
        post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", slot))
                .isProblem(409, "slot-blocked");
    }

    private static Map<String, Object> doctorBody(String specialty, Object... clinicIds) {
        return Map.of("fullName", "Moving Doctor", "specialties", List.of(specialty), "clinicIds", List.of(clinicIds));
    }

    @Test
    void searchPagesThroughResults() {
        var specialty = createSpecialty();
        var clinic = createClinic("Омск", "Asia/Omsk");
        for (int i = 0; i < 5; i++) {
            createDoctor("Paged " + i, specialty, clinic);
        }
        var page = get("/api/v1/doctors?specialty=" + specialty + "&sort=name&page=1&size=2", null);
        assertThat(page.body().get("page").asInt()).isEqualTo(1);
        assertThat(page.body().get("size").asInt()).isEqualTo(2);
        assertThat(page.body().get("totalItems").asInt()).isEqualTo(5);
        assertThat(page.body().get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.body().get("items").get(0).get("fullName").asString()).isEqualTo("Paged 2");
        var beyond = get("/api/v1/doctors?specialty=" + specialty + "&page=9&size=2", null);
        assertThat(beyond.body().get("items").size()).isZero();
        assertThat(beyond.body().get("totalItems").asInt()).isEqualTo(5);
    }

    @Test
    void badSearchParametersAre400() {
        var today = LocalDate.now();
        get("/api/v1/doctors?size=101", null).isProblem(400, null);
        get("/api/v1/doctors?sort=age", null).isProblem(400, "invalid-request");
        get("/api/v1/doctors?status=RETIRED", null).isProblem(400, "invalid-parameter");
        get("/api/v1/doctors?date=tomorrow", null).isProblem(400, "invalid-parameter");
        get("/api/v1/doctors?from=" + today.plusDays(3) + "&to=" + today, null).isProblem(400, "invalid-request");
        get("/api/v1/doctors?from=" + today + "&to=" + today.plusDays(31), null).isProblem(400, "invalid-request");
        get("/api/v1/doctors?from=" + today, null).isProblem(400, "invalid-request");
        get("/api/v1/doctors?name=" + "x".repeat(101), null).isProblem(400, "validation-failed");
        assertThat(get("/api/v1/doctors?from=" + today + "&to=" + today.plusDays(30), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theDoctorCardShowsDetailsClinicsAndTheNearestSlot() {
        var f = fixture();
        var start = hoursAhead(30);
        var slot = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(20));
        var card = get("/api/v1/doctors/" + f.doctorId(), null);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.text("bio")).startsWith("Bio of");
        assertThat(card.body().get("experienceYears").asInt()).isEqualTo(12);
        assertThat(card.text("status")).isEqualTo("ACTIVE");
        assertThat(card.body().get("clinics").get(0).get("id").asString())
                .isEqualTo(f.clinicId().toString());
        assertThat(card.body().get("nearestFreeSlot").get("id").asString()).isEqualTo(slot.toString());
        var ru = getInLanguage("/api/v1/doctors/" + f.doctorId(), "ru");
        assertThat(ru.body().get("specialties").get(0).get("name").asString()).startsWith("Специальность");
        get("/api/v1/doctors/" + Ids.newId(), null).isProblem(404, "not-found");
        get("/api/v1/doctors/123", null).isProblem(400, "invalid-parameter");
    }

    @Test
    void adminsRegisterEditAndChangeTheStatusOfDoctors() {
        var f = fixture();
        var other = createClinic("Самара", "Europe/Samara");
        var edited = put(
                "/api/v1/admin/doctors/" + f.doctorId(),
                admin,
                Map.of(
                        "fullName",
                        "Renamed Doctor",
                        "specialties",
                        List.of(f.specialty()),
                        "clinicIds",
                        List.of(f.clinicId(), other),
                        "experienceYears",
                        3,
                        "photoUrl",
                        "https://example.org/p.jpg"));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
        assertThat(edited.body().get("clinics").size()).isEqualTo(2);
        assertThat(edited.text("photoUrl")).isEqualTo("https://example.org/p.jpg");
        var status = patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "INACTIVE"));
        assertThat(status.text("status")).isEqualTo("INACTIVE");
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "GONE"))
                .isProblem(400, "malformed-body");
        patch("/api/v1/admin/doctors/" + Ids.newId() + "/status", admin, Map.of("status", "ACTIVE"))
                .isProblem(404, null);

        var admins = get("/api/v1/admin/doctors?clinicId=" + other, admin);
        assertThat(admins.body().get("totalItems").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/admin/doctors?name=renamed&status=INACTIVE&specialty=" + f.specialty(), admin)
                        .body()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(get("/api/v1/admin/doctors/" + f.doctorId(), admin).text("fullName"))
                .isEqualTo("Renamed Doctor");
        // patients do not find an INACTIVE doctor unless they ask for that status
        assertThat(get("/api/v1/doctors?name=renamed", null)
                        .body()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(0);
        assertThat(get("/api/v1/doctors?name=renamed&status=INACTIVE", null)
                        .body()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void registeringWithUnknownReferencesOrBadFieldsFails() {
        var f = fixture();
        Map<String, Object> unknownSpecialty =
                Map.of("fullName", "X", "specialties", List.of("no-such-code"), "clinicIds", List.of(f.clinicId()));
        post("/api/v1/admin/doctors", admin, unknownSpecialty).isProblem(404, null);
        Map<String, Object> unknownClinic =
                Map.of("fullName", "X", "specialties", List.of(f.specialty()), "clinicIds", List.of(Ids.newId()));
        post("/api/v1/admin/doctors", admin, unknownClinic).isProblem(404, null);
        Map<String, Object> noClinics =
                Map.of("fullName", "X", "specialties", List.of(f.specialty()), "clinicIds", List.of());
        post("/api/v1/admin/doctors", admin, noClinics).isProblem(400, "validation-failed");
        Map<String, Object> badId =
                Map.of("fullName", "X", "specialties", List.of(f.specialty()), "clinicIds", List.of("nope"));
        post("/api/v1/admin/doctors", admin, badId).isProblem(400, "malformed-body");
        Map<String, Object> badExperience = Map.of(
                "fullName",
                "X",
                "specialties",
                List.of(f.specialty()),
                "clinicIds",
                List.of(f.clinicId()),
                "experienceYears",
                200);
        post("/api/v1/admin/doctors", admin, badExperience).isProblem(400, "validation-failed");
        post("/api/v1/admin/doctors", patientToken(Ids.newId()), noClinics).isProblem(403, null);
    }

    @Test
    void aManagerActsOnlyOnDoctorsOfTheirClinics() {
        var own = fixture();
        var foreign = fixture();
        var managerId = Ids.newId();
        var manager = managerToken(managerId, own.clinicId());
        Map<String, Object> newDoctor = Map.of(
                "fullName", "Managed " + next(),
                "specialties", List.of(own.specialty()),
                "clinicIds", List.of(own.clinicId()));
        assertThat(post("/api/v1/admin/doctors", manager, newDoctor).status()).isEqualTo(201);
        Map<String, Object> foreignDoctor = Map.of(
                "fullName", "Foreign " + next(),
                "specialties", List.of(own.specialty()),
                "clinicIds", List.of(foreign.clinicId()));
        post("/api/v1/admin/doctors", manager, foreignDoctor).isProblem(403, "not-clinic-manager");
        assertThat(patch("/api/v1/admin/doctors/" + own.doctorId() + "/status", manager, Map.of("status", "ON_LEAVE"))
                        .status())
                .isEqualTo(200);
        patch("/api/v1/admin/doctors/" + foreign.doctorId() + "/status", manager, Map.of("status", "ON_LEAVE"))
                .isProblem(403, "not-clinic-manager");
        put(
                        "/api/v1/admin/doctors/" + own.doctorId(),
                        manager,
                        Map.of(
                                "fullName", "Moved",
                                "specialties", List.of(own.specialty()),
                                "clinicIds", List.of(own.clinicId(), foreign.clinicId())))
                .isProblem(403, "not-clinic-manager");
    }

    private Map<String, Object> doctorBody(Fixture f, String name, List<UUID> clinics) {
        return Map.of("fullName", name, "specialties", List.of(f.specialty()), "clinicIds", clinics);
    }

    @Test
    void aManagerOfOneOfASharedDoctorsClinicsCannotEditOrSuspendTheDoctor() {
        var f = fixture();
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        var both = List.of(f.clinicId(), otherClinic);
        assertThat(put("/api/v1/admin/doctors/" + f.doctorId(), admin, doctorBody(f, "Shared " + next(), both))
                        .status())
                .isEqualTo(200);
        var managerId = Ids.newId();
        var managerOfOne = managerToken(managerId, f.clinicId());

        put("/api/v1/admin/doctors/" + f.doctorId(), managerOfOne, doctorBody(f, "Relabelled " + next(), both))
                .isProblem(403, "not-clinic-manager");
        put(
                        "/api/v1/admin/doctors/" + f.doctorId(),
                        managerOfOne,
                        doctorBody(f, "Taken " + next(), List.of(f.clinicId())))
                .isProblem(403, "not-clinic-manager");
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", managerOfOne, Map.of("status", "ON_LEAVE"))
                .isProblem(403, "not-clinic-manager");

        assertThat(get("/api/v1/admin/doctors/" + f.doctorId(), admin).text("status"))
                .isEqualTo("ACTIVE");
        assertThat(audit.matching(e -> managerId.equals(e.actorId()))).isEmpty();
    }

    @Test
    void aManagerOfEveryOneOfASharedDoctorsClinicsEditsAndSuspendsTheDoctor() {
        var f = fixture();
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        var both = List.of(f.clinicId(), otherClinic);
        put("/api/v1/admin/doctors/" + f.doctorId(), admin, doctorBody(f, "Shared " + next(), both));
        var managerOfBoth = managerToken(Ids.newId(), otherClinic, f.clinicId());

        var renamed = put(
                "/api/v1/admin/doctors/" + f.doctorId(), managerOfBoth, doctorBody(f, "Jointly run " + next(), both));
        var suspended =
                patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", managerOfBoth, Map.of("status", "ON_LEAVE"));

        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        assertThat(renamed.text("fullName")).startsWith("Jointly run ");
        assertThat(suspended.status()).as(suspended.raw().body()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("ON_LEAVE");
    }
}
