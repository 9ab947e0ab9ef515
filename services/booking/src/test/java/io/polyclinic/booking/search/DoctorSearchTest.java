package io.polyclinic.booking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.polyclinic.booking.BookingApiTest;
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

/** Distance search, sorts and combined filters of {@code GET /api/v1/doctors}; bad search input. */
class DoctorSearchTest extends BookingApiTest {

    // Red Square; 0.09 degrees of latitude north of it is 10.0 km away; Tver is 161.6 km away
    private static final double LAT = 55.7539;
    private static final double LON = 37.6208;

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private UUID clinicAt(String city, double latitude, double longitude, String zone) {
        var response = post(
                "/api/v1/admin/clinics",
                admin,
                Map.of(
                        "name", "Clinic " + next(),
                        "address", "Street " + next(),
                        "city", city,
                        "latitude", latitude,
                        "longitude", longitude,
                        "timeZone", zone));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    private JsonNode items(String query) {
        var response = get("/api/v1/doctors?" + query, null);
        return response.items();
    }

    private static List<String> ids(JsonNode items) {
        var ids = new ArrayList<String>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static String at(double lat, double lon) {
        return "&lat=" + lat + "&lon=" + lon;
    }

    @Test
    void theServicesSessionsPlanEveryStatementWithItsValuesAndSerially() {
        // a generic plan, cached after five runs of one search statement, read a whole city's doctors for a
        // typo-tolerant name: 100 ms instead of 1 ms; two parallel workers made a 15 ms page 20 ms (decision 0024)
        assertThat(jdbc.sql("show plan_cache_mode").query(String.class).single())
                .isEqualTo("force_custom_plan");
        assertThat(jdbc.sql("show max_parallel_workers_per_gather")
                        .query(String.class)
                        .single())
                .isEqualTo("0");
    }

    @Test
    void thePlatformsStatementLimitsAreMergedIntoTheSameSessionOptions() {
        // booking passes its planner settings in the pgjdbc options; the platform adds its limits there too
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                .isEqualTo("30s");
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout")
                        .query(String.class)
                        .single())
                .isEqualTo("1min");
    }

    @Test
    void distanceSearchKeepsDoctorsWithAClinicInTheCircleAndShowsTheirDistance() {
        var specialty = createSpecialty();
        var centre = clinicAt("Москва", LAT, LON, "Europe/Moscow");
        var north = clinicAt("Москва", LAT + 0.09, LON, "Europe/Moscow");
        var tver = clinicAt("Тверь", 56.8587, 35.9176, "Europe/Moscow");
        var inCentre = createDoctor("Центр " + next(), specialty, centre);
        var inNorth = createDoctor("Север " + next(), specialty, north);
        var inTver = createDoctor("Тверь " + next(), specialty, tver);
        var s = "specialty=" + specialty;

        var near = items(s + at(LAT, LON) + "&radiusKm=15&sort=distance");
        assertThat(ids(near)).containsExactly(inCentre.toString(), inNorth.toString());
        assertThat(near.get(0).get("distanceKm").asDouble()).isCloseTo(0, within(0.01));
        assertThat(near.get(1).get("distanceKm").asDouble()).isCloseTo(10.01, within(0.05));
        assertThat(ids(items(s + at(LAT, LON) + "&radiusKm=5"))).containsExactly(inCentre.toString());
        assertThat(ids(items(s + at(LAT, LON) + "&radiusKm=200&sort=distance")))
                .containsExactly(inCentre.toString(), inNorth.toString(), inTver.toString());
        var fromTver = items(s + at(56.8587, 35.9176) + "&radiusKm=200&sort=distance");
        assertThat(ids(fromTver)).first().isEqualTo(inTver.toString());
        assertThat(fromTver.get(2).get("distanceKm").asDouble()).isCloseTo(161.64, within(0.05));
        // without a point there is no distance; the default radius (25 km) applies to a point without radiusKm
        assertThat(items(s).get(0).get("distanceKm").isNull()).isTrue();
        assertThat(ids(items(s + at(LAT, LON)))).containsExactlyInAnyOrder(inCentre.toString(), inNorth.toString());
        // relevance with a point and no name is distance
        assertThat(ids(items(s + at(LAT + 0.1, LON) + "&radiusKm=50")))
                .containsExactly(inNorth.toString(), inCentre.toString());
    }

    @Test
    void theCircleWorksAcrossTheAntimeridianAndNearThePole() {
        var specialty = createSpecialty();
        var east = clinicAt("Анадырь", 65.0, 179.95, "Asia/Anadyr");
        var doctor = createDoctor("Чукотка " + next(), specialty, east);
        var pole = clinicAt("Longyearbyen", 89.9, 10.0, "Arctic/Longyearbyen");
        var polar = createDoctor("Polar " + next(), specialty, pole);

        var across = items("specialty=" + specialty + at(65.0, -179.95) + "&radiusKm=20");
        assertThat(ids(across)).containsExactly(doctor.toString());
        assertThat(across.get(0).get("distanceKm").asDouble()).isCloseTo(4.7, within(0.1));
        assertThat(ids(items("specialty=" + specialty + at(89.95, -170.0) + "&radiusKm=20")))
                .containsExactly(polar.toString());
    }

    @Test
    void theNearestFreeSlotOfADistanceSearchIsInAClinicInsideTheCircle() {
        var specialty = createSpecialty();
        var centre = clinicAt("Москва", LAT, LON, "Europe/Moscow");
        var piter = clinicAt("Санкт-Петербург", 59.9386, 30.3141, "Europe/Moscow");
        var doctor = createDoctor("Два города " + next(), specialty, centre, piter);
        var early = hoursAhead(30);
        createSlot(doctor, piter, early, Duration.ofMinutes(30));
        var inMoscow = createSlot(doctor, centre, early.plus(Duration.ofHours(48)), Duration.ofMinutes(30));

        var hit =
                items("specialty=" + specialty + at(LAT, LON) + "&radiusKm=10").get(0);
        assertThat(hit.get("nearestFreeSlot").get("id").asString()).isEqualTo(inMoscow.toString());
        assertThat(hit.get("distanceKm").asDouble()).isCloseTo(0, within(0.01));
        var day = LocalDate.ofInstant(early, ZoneId.of("Europe/Moscow"));
        assertThat(items("specialty=" + specialty + at(LAT, LON) + "&radiusKm=10&date=" + day)
                        .size())
                .as("the only free slot that day is outside the circle")
                .isZero();
    }

    @Test
    void aDateIsTheClinicsLocalDateAndMovesWithTheClinicsTimeZone() {
        var specialty = createSpecialty();
        var clinic = clinicAt("Тверь", 56.8587, 35.9176, "Europe/Moscow");
        var doctor = createDoctor("Дата Зонова " + next(), specialty, clinic);
        // 22:30 UTC: 01:30 the next day in Moscow, 17:30 the same day in New York
        var utcDay = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3);
        var start = utcDay.atTime(22, 30).toInstant(java.time.ZoneOffset.UTC);
        createSlot(doctor, clinic, start, Duration.ofMinutes(30));
        var s = "specialty=" + specialty + "&city=" + enc("Тверь");

        assertThat(ids(items(s + "&date=" + utcDay.plusDays(1)))).containsExactly(doctor.toString());
        assertThat(ids(items(s + "&date=" + utcDay))).isEmpty();

        var moved = put(
                "/api/v1/admin/clinics/" + clinic,
                admin,
                Map.of(
                        "name",
                        "Clinic " + next(),
                        "address",
                        "Street " + next(),
                        "city",
                        "Тверь",
                        "latitude",
                        56.8587,
                        "longitude",
                        35.9176,
                        "timeZone",
                        "America/New_York"));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);

        assertThat(ids(items(s + "&date=" + utcDay))).containsExactly(doctor.toString());
        assertThat(ids(items(s + "&date=" + utcDay.plusDays(1)))).isEmpty();
        assertThat(ids(items("date=" + utcDay + "&name=" + enc("Зонова") + "&sort=nearestSlot")))
                .containsExactly(doctor.toString());
    }

    @Test
    void everySortOrdersHitsAndAllFiltersCombine() {
        var specialty = createSpecialty();
        var clinic = clinicAt("Тверь", 56.8587, 35.9176, "Europe/Moscow");
        var anna = createDoctor("Анна Смирнова " + next(), specialty, clinic);
        var boris = createDoctor("Борис Смирнов " + next(), specialty, clinic);
        var vera = createDoctor("Вера Кузнецова " + next(), specialty, clinic);
        jdbc.sql("update doctors set rating_avg = ?, rating_count = ? where id = ?")
                .params(4.9, 10, boris)
                .update();
        jdbc.sql("update doctors set rating_avg = ?, rating_count = ? where id = ?")
                .params(4.1, 3, vera)
                .update();
        var start = hoursAhead(50);
        createSlot(vera, clinic, start, Duration.ofMinutes(30));
        createSlot(anna, clinic, start.plus(Duration.ofDays(2)), Duration.ofMinutes(30));
        var s = "specialty=" + specialty;

        assertThat(ids(items(s + "&sort=name"))).containsExactly(anna.toString(), boris.toString(), vera.toString());
        assertThat(ids(items(s + "&sort=rating"))).containsExactly(boris.toString(), vera.toString(), anna.toString());
        assertThat(ids(items(s + "&sort=nearestSlot")))
                .containsExactly(vera.toString(), anna.toString(), boris.toString());
        assertThat(ids(items(s + "&sort=relevance&name=" + enc("смирнов"))))
                .containsExactly(boris.toString(), anna.toString());
        assertThat(ids(items(s + "&name=" + enc("Смирнофа")))).as("typo").contains(anna.toString());

        var day = LocalDate.ofInstant(start.plus(Duration.ofDays(2)), ZoneId.of("Europe/Moscow"));
        var combined = items(s + "&name=" + enc("смир") + "&city=" + enc("тверь") + at(56.86, 35.92)
                + "&radiusKm=3&from=" + day.minusDays(3) + "&to=" + day + "&status=ACTIVE&sort=nearestSlot");
        assertThat(ids(combined)).containsExactly(anna.toString());
        assertThat(combined.get(0).get("nearestFreeSlot").get("start").asString())
                .isEqualTo(start.plus(Duration.ofDays(2)).toString());
        assertThat(combined.get(0).get("distanceKm").asDouble()).isLessThan(1);
    }

    @Test
    void sortingManyDoctorsByNearestSlotWalksFreeSlotsInTimeOrderAndPages() {
        var specialty = createSpecialty();
        var city = "Рязань " + next();
        var clinic = clinicAt(city, 54.6292, 39.7364, "Europe/Moscow");
        var base = hoursAhead(60);
        var withSlots = new ArrayList<String>();
        for (int i = 0; i < 130; i++) {
            var doctor = createDoctor(String.format("Many %03d", i), specialty, clinic);
            if (i % 2 == 0) {
                // later doctors get earlier slots: the order differs from the name order
                createSlot(doctor, clinic, base.plus(Duration.ofMinutes(30L * (130 - i))), Duration.ofMinutes(30));
                withSlots.addFirst(doctor.toString());
            }
        }
        var s = "city=" + enc(city) + "&sort=nearestSlot&size=10";
        var first = get("/api/v1/doctors?" + s, null);
        assertThat(first.body().get("totalItems").asInt()).isEqualTo(130);
        assertThat(ids(first.items())).containsExactlyElementsOf(withSlots.subList(0, 10));
        assertThat(ids(items(s + "&page=3"))).containsExactlyElementsOf(withSlots.subList(30, 40));
        assertThat(ids(items("specialty=" + specialty + "&sort=nearestSlot&size=10&page=3")))
                .as("the same order through a specialty filter")
                .containsExactlyElementsOf(withSlots.subList(30, 40));
        var past = items(s + "&page=6");
        assertThat(ids(past).subList(0, 5)).containsExactlyElementsOf(withSlots.subList(60, 65));
        assertThat(past.get(5).get("nearestFreeSlot").isNull())
                .as("doctors without a free slot last")
                .isTrue();
        assertThat(past.get(5).get("fullName").asString()).isEqualTo("Many 001");
    }

    @Test
    void badSearchInputIsAProblemOrNoHitsNeverAServerError() {
        for (var query : List.of(
                "lat=91&lon=0",
                "lat=-90.5&lon=0",
                "lat=0&lon=180.1",
                "lat=0&lon=-181",
                "lat=NaN&lon=0",
                "lat=0&lon=Infinity",
                "lat=55",
                "lon=37",
                "radiusKm=5",
                "lat=55&lon=37&radiusKm=0",
                "lat=55&lon=37&radiusKm=-3",
                "lat=55&lon=37&radiusKm=500.5",
                "lat=55&lon=37&radiusKm=1e308",
                "sort=distance",
                "sort=distance&lat=55",
                "sort=closest&lat=55&lon=37",
                "size=101",
                "size=0",
                "page=-1",
                "from=2030-01-10&to=2030-01-01",
                "date=2030-01-01&from=2030-01-01&to=2030-01-02")) {
            var response = get("/api/v1/doctors?" + query, null);
            assertThat(response.status())
                    .as(query + " -> " + response.raw().body())
                    .isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.raw().body()).doesNotContain("Exception", "SQL");
        }
        get("/api/v1/doctors?lat=north&lon=0", null).isProblem(400, "invalid-parameter");
        get("/api/v1/admin/doctors?lat=95&lon=0", admin).isProblem(400, "invalid-request");
        for (var name : List.of(
                "<script>alert(1)</script>", "' or 1=1 --", "'); drop table doctors; --", "\\", "%%__%%", "ё́", "a")) {
            var response = get("/api/v1/doctors?specialty=none-such&name=" + enc(name), null);
            assertThat(response.status()).as(name).isEqualTo(200);
            assertThat(response.items().size()).isZero();
        }
        var withEverything =
                get("/api/v1/doctors?name=" + enc("' or 1=1 --") + at(0, 0) + "&radiusKm=500&sort=nearestSlot", null);
        assertThat(withEverything.status()).isEqualTo(200);
    }
}
