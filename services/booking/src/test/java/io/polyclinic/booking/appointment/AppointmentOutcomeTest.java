package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** S3: appointments whose slot ended become COMPLETED automatically unless the clinic marked them NO_SHOW. */
class AppointmentOutcomeTest extends BookingApiTest {

    @Autowired
    private AppointmentCompletionJob job;

    @Autowired
    private AppointmentService service;

    /** A BOOKED appointment of a fresh patient whose 30-minute slot starts {@code minutesFromNow} (may be < 0). */
    private UUID appointment(Fixture f, long minutesFromNow) {
        var start = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).plusMinutes(minutesFromNow);
        var slotId = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), "BOOKED")
                .update();
        var id = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'BOOKED')
                """)
                .params(id, Ids.newId(), slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();
        return id;
    }

    private String status(UUID appointmentId) {
        return jdbc.sql("select status from appointments where id = ?")
                .param(appointmentId)
                .query(String.class)
                .single();
    }

    private Response noShow(String token, UUID appointmentId) {
        return post("/api/v1/admin/appointments/" + appointmentId + "/no-show", token, null);
    }

    @Test
    void endedAppointmentsBecomeCompletedButNotNoShowsStartedOrFutureOnes() {
        var f = fixture();
        var ended = appointment(f, -120);
        var noShow = appointment(f, -60);
        var running = appointment(f, -10);
        var future = appointment(f, 24 * 60);
        assertThat(noShow(admin, noShow).text("status")).isEqualTo("NO_SHOW");

        job.completeDue();

        assertThat(status(ended)).isEqualTo("COMPLETED");
        assertThat(status(noShow)).isEqualTo("NO_SHOW");
        assertThat(status(running)).isEqualTo("BOOKED");
        assertThat(status(future)).isEqualTo("BOOKED");
        job.completeDue();
        assertThat(status(ended)).isEqualTo("COMPLETED");
        assertThat(status(noShow)).as("a second run changes nothing").isEqualTo("NO_SHOW");
        assertThat(status(running)).isEqualTo("BOOKED");
    }

    @Test
    void replicasRunningTheJobAtOnceCompleteEveryAppointmentExactlyOnce() throws Exception {
        var f = fixture();
        var mine = new HashSet<UUID>();
        for (int i = 0; i < 60; i++) {
            mine.add(appointment(f, -40 - 31L * i));
        }
        Callable<List<UUID>> replica = () -> {
            var completed = new ArrayList<UUID>();
            List<UUID> batch;
            do {
                batch = service.completeEnded(7);
                completed.addAll(batch);
            } while (!batch.isEmpty());
            return completed;
        };
        var all = new ArrayList<UUID>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<List<UUID>>>();
            for (int i = 0; i < 4; i++) {
                futures.add(executor.submit(replica));
            }
            for (var future : futures) {
                all.addAll(future.get());
            }
        }
        // the scheduled job may have taken a few of them too; what matters is that no row was completed twice
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(mine::contains).count()).isGreaterThan(0);
        for (var id : mine) {
            assertThat(status(id)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void clinicStaffMarkANoShowOnlyOnceTheAppointmentHasStarted() {
        var f = fixture();
        var notYet = appointment(f, 60);
        var started = appointment(f, -5);
        noShow(admin, notYet).isProblem(422, "appointment-not-started");

        var strangerId = Ids.newId();
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        noShow(managerToken(strangerId, otherClinic), started).isProblem(404, "not-found");
        noShow(patientToken(Ids.newId()), started).isProblem(403, null);
        noShow(null, started).isProblem(401, null);
        noShow(admin, Ids.newId()).isProblem(404, "not-found");
        assertThat(status(started)).isEqualTo("BOOKED");

        var managerId = Ids.newId();
        var marked = noShow(managerToken(managerId, f.clinicId()), started);
        assertThat(marked.status()).as(marked.raw().body()).isEqualTo(200);
        assertThat(marked.text("status")).isEqualTo("NO_SHOW");
        noShow(admin, started).isProblem(409, "appointment-not-active");
        assertThat(jdbc.sql("select outcome_by from appointments where id = ?")
                        .param(started)
                        .query(UUID.class)
                        .single())
                .isEqualTo(managerId);
    }

    @Test
    void aCompletedAppointmentCanStillBeMarkedNoShowUnlessThePatientReviewedIt() {
        var f = fixture();
        var completed = appointment(f, -90);
        var reviewed = appointment(f, -180);
        job.completeDue();
        var patient = jdbc.sql("select patient_id from appointments where id = ?")
                .param(reviewed)
                .query(UUID.class)
                .single();
        assertThat(post(
                                "/api/v1/doctors/" + f.doctorId() + "/reviews",
                                patientToken(patient),
                                Map.of("appointmentId", reviewed, "rating", 5))
                        .status())
                .isEqualTo(201);

        assertThat(noShow(admin, completed).text("status")).isEqualTo("NO_SHOW");
        noShow(admin, reviewed).isProblem(409, "appointment-reviewed");
        assertThat(status(reviewed)).isEqualTo("COMPLETED");
    }
}
