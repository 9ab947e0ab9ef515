package io.polyclinic.booking.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

/**
 * Nearest-slot searches with more hits than {@code max-results} (here 100, its minimum): those pages come from the
 * walks over free slots in start order (per clinic of a city, per searched date), not from sorting a known list of
 * hits. A clinic's day runs from its own midnight, 14:00 UTC the day before in Vladivostok. (Its own context and
 * database: the lower cap is what makes a few doctors enough, and the date-only walk sees only this class's day.)
 */
@TestPropertySource(properties = "polyclinic.booking.search.max-results=100")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorSearchWalkTest extends BookingApiTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Vladivostok");
    private static final int DOCTORS = 104;

    private String city;
    private LocalDate day;
    /** The doctors with a free slot on {@link #day}, by that slot's start. */
    private final List<String> byStart = new ArrayList<>();
    /** A doctor whose only slots are at 23:30 the day before and two days after. */
    private UUID dayBefore;

    @BeforeAll
    void aCityOfTwoClinicsWithMoreDoctorsFreeOnOneDayThanASearchCounts() {
        city = "Walkton" + next();
        day = LocalDate.now(ZONE).plusDays(20);
        var specialty = createSpecialty();
        var clinics = List.of(createClinic(city, ZONE.getId()), createClinic(city, ZONE.getId()));
        for (int i = 0; i < DOCTORS; i++) {
            var clinic = clinics.get(i % 2);
            var doctor = createDoctor("Walker " + next(), specialty, clinic);
            // 00:05 local and on: the first ones start on the previous UTC day
            createSlot(
                    doctor,
                    clinic,
                    day.atTime(0, 5).plusMinutes(5L * i).atZone(ZONE).toInstant(),
                    Duration.ofMinutes(5));
            byStart.add(doctor.toString());
        }
        dayBefore = createDoctor("Walker " + next(), specialty, clinics.get(0), clinics.get(1));
        createSlot(
                dayBefore,
                clinics.get(0),
                day.minusDays(1).atTime(23, 30).atZone(ZONE).toInstant(),
                Duration.ofMinutes(30));
        createSlot(
                dayBefore,
                clinics.get(1),
                day.plusDays(2).atTime(9, 0).atZone(ZONE).toInstant(),
                Duration.ofMinutes(30));
    }

    private List<String> ids(String query, int page) {
        var response = get("/api/v1/doctors?" + query + "&sort=nearestSlot&size=20&page=" + page, null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.body().get("totalItems").asInt())
                .as("counted up to max-results")
                .isEqualTo(100);
        var ids = new ArrayList<String>();
        response.body().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private List<String> firstHundred(String query) {
        var all = new ArrayList<String>();
        for (int page = 0; page < 5; page++) {
            all.addAll(ids(query, page));
        }
        return all;
    }

    @Test
    void aCityAndDateWalkListsTheDaysDoctorsByTheirSlotFromTheClinicsMidnight() {
        var query = "city=" + URLEncoder.encode(city, StandardCharsets.UTF_8) + "&date=" + day;

        assertThat(firstHundred(query)).containsExactlyElementsOf(byStart.subList(0, 100));
    }

    @Test
    void aDateRangeWalkStartsAtTheFirstDaysMidnightInTheClinicsZone() {
        var query =
                "city=" + URLEncoder.encode(city, StandardCharsets.UTF_8) + "&from=" + day.minusDays(1) + "&to=" + day;

        var expected = new ArrayList<String>();
        expected.add(dayBefore.toString());
        expected.addAll(byStart.subList(0, 99));
        assertThat(firstHundred(query)).containsExactlyElementsOf(expected);
    }

    @Test
    void aDateWalkWithoutACityReadsTheDayInStartOrder() {
        assertThat(firstHundred("date=" + day)).containsExactlyElementsOf(byStart.subList(0, 100));
    }
}
