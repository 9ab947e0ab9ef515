package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S3 booking rules, max advance ({@code polyclinic.booking.max-advance}, 90 days): listed and booked alike. */
class BookingHorizonApiTest extends BookingApiTest {

    @Test
    void slotsBeyondTheNinetyDayHorizonAreNeitherListedNorBookable() {
        var f = fixture();
        var inside = createSlot(f.doctorId(), f.clinicId(), hoursAhead(24 * 89), Duration.ofMinutes(30));
        var beyond = createSlot(f.doctorId(), f.clinicId(), hoursAhead(24 * 91), Duration.ofMinutes(30));
        var patient = patientToken(Ids.newId());

        var day = hoursAhead(24 * 91).atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(get(
                                "/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day.minusDays(3) + "&to="
                                        + day.plusDays(1),
                                null)
                        .items())
                .extracting(s -> s.get("id").asString())
                .containsExactly(inside.toString());
        post("/api/v1/appointments", patient, Map.of("slotId", beyond)).isProblem(422, "too-far-ahead");
        assertThat(jdbc.sql("select status from slots where id = ?")
                        .param(beyond)
                        .query(String.class)
                        .single())
                .isEqualTo("AVAILABLE");
        assertThat(post("/api/v1/appointments", patient, Map.of("slotId", inside))
                        .status())
                .isEqualTo(201);
    }
}
