package io.polyclinic.booking.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * S3 time zones through the API: a working plan of a Berlin clinic across the next spring change (last Sunday of
 * March) keeps 09:00 local, so its instants shift by one hour in UTC; slots are stored and returned as instants.
 */
class DaylightSavingApiTest extends BookingApiTest {

    @Test
    void aBerlinWorkingPlanAcrossTheSpringChangeKeepsNineOClockLocalTime() {
        var clinic = createClinic("Berlin", "Europe/Berlin");
        var doctor = createDoctor("Dst " + next(), createSpecialty(), clinic);
        var sunday = lastSundayOfMarchAfter(LocalDate.now());
        var plan = Map.<String, Object>of(
                "clinicId",
                clinic,
                "from",
                sunday.minusDays(1).toString(),
                "to",
                sunday.plusDays(1).toString(),
                "days",
                List.of("MONDAY", "SATURDAY", "SUNDAY"),
                "startTime",
                "09:00",
                "endTime",
                "10:00",
                "breaks",
                List.of(),
                "slotMinutes",
                60);
        var created = post("/api/v1/admin/doctors/" + doctor + "/working-plans", admin, plan);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().get("created").asInt()).isEqualTo(3);

        var slots = get(
                "/api/v1/admin/doctors/" + doctor + "/slots?from=" + sunday.minusDays(1) + "&to=" + sunday.plusDays(1),
                admin);
        assertThat(slots.items())
                .extracting(s -> s.get("start").asString())
                .containsExactly(
                        sunday.minusDays(1) + "T08:00:00Z", // 09:00 CET, UTC+1
                        sunday + "T07:00:00Z", // 09:00 CEST, UTC+2 from 02:00 that night
                        sunday.plusDays(1) + "T07:00:00Z");
        assertThat(slots.items())
                .extracting(s -> s.get("end").asString())
                .containsExactly(
                        sunday.minusDays(1) + "T09:00:00Z", sunday + "T08:00:00Z", sunday.plusDays(1) + "T08:00:00Z");
    }

    private static LocalDate lastSundayOfMarchAfter(LocalDate today) {
        for (int year = today.getYear(); ; year++) {
            var day = LocalDate.of(year, 3, 31);
            while (day.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                day = day.minusDays(1);
            }
            if (day.minusDays(1).isAfter(today)) {
                return day;
            }
        }
    }
}
