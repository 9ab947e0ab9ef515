package io.polyclinic.booking.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.appointment.AppointmentCompletionJob;
import io.polyclinic.platform.id.Ids;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** S3 "Business metrics": the counters a scraper reads at {@code /actuator/prometheus} move with what users do. */
class BusinessMetricsApiTest extends BookingApiTest {

    @Autowired
    private AppointmentCompletionJob completionJob;

    /** The value of one sample ({@code name{labels} value}) in the Prometheus text. */
    private double sample(String name, String labels) throws Exception {
        var metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("open to admins on the public port").isEqualTo(200);
        var labelPart = labels.isEmpty() ? "(?:\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        var line = Pattern.compile("^" + Pattern.quote(name) + labelPart + " (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics.body());
        assertThat(line.find()).as(name + "{" + labels + "} in the scrape").isTrue();
        return Double.parseDouble(line.group(1));
    }

    @Test
    void bookingReschedulingAndCancellingShowInThePrometheusCounters() throws Exception {
        var f = fixture();
        var patientId = Ids.newId();
        var patient = patientToken(patientId);
        var booked = sample("polyclinic_appointments_booked_total", "");
        var rescheduled = sample("polyclinic_appointments_rescheduled_total", "");
        var byPatient = sample("polyclinic_appointments_cancelled_total", "by=\"PATIENT\"");
        var byStaff = sample("polyclinic_appointments_cancelled_total", "by=\"STAFF\"");
        sample("polyclinic_appointments_completed_total", "");
        sample("polyclinic_appointments_no_show_total", "");
        sample("polyclinic_reviews_posted_total", "");

        var first = post(
                        "/api/v1/appointments",
                        patient,
                        Map.of(
                                "slotId",
                                createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30))))
                .text("id");
        var taken = createSlot(f.doctorId(), f.clinicId(), hoursAhead(31), Duration.ofMinutes(30));
        post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", taken));
        post("/api/v1/appointments", patient, Map.of("slotId", taken)).isProblem(409, null);
        assertThat(sample("polyclinic_appointments_booked_total", ""))
                .as("a refused booking is not counted")
                .isEqualTo(booked + 2);

        var later = createSlot(f.doctorId(), f.clinicId(), hoursAhead(40), Duration.ofMinutes(30));
        assertThat(post("/api/v1/appointments/" + first + "/reschedule", patient, Map.of("slotId", later))
                        .status())
                .isEqualTo(200);
        assertThat(sample("polyclinic_appointments_rescheduled_total", "")).isEqualTo(rescheduled + 1);

        post("/api/v1/appointments/" + first + "/cancel", patient, null);
        assertThat(sample("polyclinic_appointments_cancelled_total", "by=\"PATIENT\""))
                .isEqualTo(byPatient + 1);
        assertThat(sample("polyclinic_appointments_cancelled_total", "by=\"STAFF\""))
                .isEqualTo(byStaff);
    }

    @Test
    void completionNoShowStaffCancellationAndReviewsShowInThePrometheusCounters() throws Exception {
        var f = fixture();
        var completed = sample("polyclinic_appointments_completed_total", "");
        var noShows = sample("polyclinic_appointments_no_show_total", "");
        var byStaff = sample("polyclinic_appointments_cancelled_total", "by=\"STAFF\"");
        var reviews = sample("polyclinic_reviews_posted_total", "");

        var patientId = Ids.newId();
        var start = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(3);
        var slotId = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), "BOOKED")
                .update();
        var visit = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'BOOKED')
                """)
                .params(visit, patientId, slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();
        completionJob.completeDue();
        assertThat(sample("polyclinic_appointments_completed_total", "")).isGreaterThanOrEqualTo(completed + 1);

        post(
                "/api/v1/doctors/" + f.doctorId() + "/reviews",
                patientToken(patientId),
                Map.of("appointmentId", visit, "rating", 4));
        assertThat(sample("polyclinic_reviews_posted_total", "")).isEqualTo(reviews + 1);
        post("/api/v1/admin/appointments/" + visit + "/no-show", admin, null).isProblem(409, null);
        assertThat(sample("polyclinic_appointments_no_show_total", "")).isEqualTo(noShows);

        var booked = post(
                        "/api/v1/appointments",
                        patientToken(Ids.newId()),
                        Map.of(
                                "slotId",
                                createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30))))
                .text("id");
        post("/api/v1/admin/appointments/" + booked + "/cancel", admin, Map.of("reason", "Doctor is ill"));
        assertThat(sample("polyclinic_appointments_cancelled_total", "by=\"STAFF\""))
                .isEqualTo(byStaff + 1);
    }
}
