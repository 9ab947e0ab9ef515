package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** S3 booking rules, reschedule: atomic move to another free slot of the same doctor, every rule on the new slot. */
class RescheduleApiTest extends BookingApiTest {

    private UUID book(UUID patientId, UUID slotId) {
        var booked = post("/api/v1/appointments", patientToken(patientId), Map.of("slotId", slotId));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        return UUID.fromString(booked.text("id"));
    }

    private Response reschedule(UUID patientId, Object appointmentId, Object slotId) {
        return post(
                "/api/v1/appointments/" + appointmentId + "/reschedule",
                patientToken(patientId),
                Map.of("slotId", slotId));
    }

    private String slotStatus(UUID slotId) {
        return jdbc.sql("select status from slots where id = ?")
                .param(slotId)
                .query(String.class)
                .single();
    }

    private UUID slotOf(UUID appointmentId) {
        return jdbc.sql("select slot_id from appointments where id = ?")
                .param(appointmentId)
                .query(UUID.class)
                .single();
    }

    @Test
    void aPatientMovesTheirAppointmentToAnotherFreeSlotOfTheSameDoctor() {
        var f = fixture();
        var patient = Ids.newId();
        var oldSlot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));
        var newStart = hoursAhead(54);
        var newSlot = createSlot(f.doctorId(), f.clinicId(), newStart, Duration.ofMinutes(45));
        var id = book(patient, oldSlot);

        var moved = reschedule(patient, id, newSlot);

        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(moved.text("id")).as("same appointment").isEqualTo(id.toString());
        assertThat(moved.text("slotId")).isEqualTo(newSlot.toString());
        assertThat(moved.text("start")).isEqualTo(newStart.toString());
        assertThat(moved.text("end"))
                .isEqualTo(newStart.plus(45, ChronoUnit.MINUTES).toString());
        assertThat(moved.text("status")).isEqualTo("BOOKED");
        assertThat(slotStatus(newSlot)).isEqualTo("BOOKED");
        assertThat(slotStatus(oldSlot)).as("the old slot is free again").isEqualTo("AVAILABLE");
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .items()
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(oldSlot.toString());
        assertThat(book(Ids.newId(), oldSlot))
                .as("someone else can book the old slot")
                .isNotNull();
        assertThat(audit.single("APPOINTMENT_RESCHEDULED", "appointment", id).details())
                .containsEntry("fromSlotId", oldSlot)
                .containsEntry("toSlotId", newSlot);
    }

    @Test
    void reschedulingIntoATakenOrBlockedSlotIsA409AndTheAppointmentKeepsItsSlot() {
        var f = fixture();
        var patient = Ids.newId();
        var mine = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));
        var taken = createSlot(f.doctorId(), f.clinicId(), hoursAhead(31), Duration.ofMinutes(30));
        var blocked = createSlot(f.doctorId(), f.clinicId(), hoursAhead(32), Duration.ofMinutes(30));
        post("/api/v1/admin/slots/" + blocked + "/block", admin, null);
        var id = book(patient, mine);
        book(Ids.newId(), taken);

        reschedule(patient, id, taken).isProblem(409, "slot-already-booked");
        reschedule(patient, id, blocked).isProblem(409, "slot-blocked");

        assertThat(slotOf(id)).isEqualTo(mine);
        assertThat(slotStatus(mine)).isEqualTo("BOOKED");
        assertThat(slotStatus(blocked)).isEqualTo("BLOCKED");
    }

    @Test
    void theBookingRulesApplyToTheNewSlotAndTheCutoffToTheOldOne() {
        var f = fixture();
        var patient = Ids.newId();
        var id = book(patient, createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30)));
        var soon = createSlot(
                f.doctorId(),
                f.clinicId(),
                Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS),
                Duration.ofMinutes(15));
        reschedule(patient, id, soon).isProblem(422, "too-short-notice");
        var tooFar = createSlot(f.doctorId(), f.clinicId(), hoursAhead(24 * 91), Duration.ofMinutes(30));
        reschedule(patient, id, tooFar).isProblem(422, "too-far-ahead");
        var otherDoctor = createDoctor("Other " + next(), f.specialty(), f.clinicId());
        var othersSlot = createSlot(otherDoctor, f.clinicId(), hoursAhead(40), Duration.ofMinutes(30));
        reschedule(patient, id, othersSlot).isProblem(422, "reschedule-other-doctor");
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));
        var whileOnLeave = createSlot(f.doctorId(), f.clinicId(), hoursAhead(41), Duration.ofMinutes(30));
        reschedule(patient, id, whileOnLeave).isProblem(422, "doctor-not-available");
        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ACTIVE"));

        // an appointment with another doctor at the target time: the patient cannot be in two places
        var elsewhere = createSlot(otherDoctor, f.clinicId(), hoursAhead(60), Duration.ofMinutes(60));
        book(patient, elsewhere);
        var clashing = createSlot(f.doctorId(), f.clinicId(), hoursAhead(60).plusSeconds(1800), Duration.ofMinutes(30));
        reschedule(patient, id, clashing).isProblem(409, "overlapping-appointment");

        // within the cutoff (2 h) the old appointment cannot be moved
        var close = book(
                patient,
                createSlot(
                        f.doctorId(),
                        f.clinicId(),
                        Instant.now().plus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS),
                        Duration.ofMinutes(15)));
        var later = createSlot(f.doctorId(), f.clinicId(), hoursAhead(70), Duration.ofMinutes(30));
        reschedule(patient, close, later).isProblem(422, "reschedule-cutoff-passed");

        assertThat(slotStatus(soon)).isEqualTo("AVAILABLE");
        assertThat(slotStatus(tooFar)).isEqualTo("AVAILABLE");
        assertThat(slotStatus(clashing)).isEqualTo("AVAILABLE");
        assertThat(slotStatus(later)).isEqualTo("AVAILABLE");
        assertThat(get("/api/v1/appointments/" + id, patientToken(patient)).text("start"))
                .isEqualTo(hoursAhead(30).toString());
    }

    @Test
    void onlyTheOwnBookedAppointmentCanBeMovedAndBadBodiesAre400() {
        var f = fixture();
        var patient = Ids.newId();
        var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));
        var target = createSlot(f.doctorId(), f.clinicId(), hoursAhead(33), Duration.ofMinutes(30));
        var id = book(patient, slot);

        reschedule(Ids.newId(), id, target).isProblem(404, "not-found");
        post("/api/v1/appointments/" + id + "/reschedule", admin, Map.of("slotId", target))
                .isProblem(404, "not-found");
        reschedule(patient, Ids.newId(), target).isProblem(404, "not-found");
        reschedule(patient, id, Ids.newId()).isProblem(404, "not-found");
        reschedule(patient, id, slot).isProblem(400, "invalid-request");
        reschedule(patient, id, "not-a-uuid").isProblem(400, "malformed-body");
        post("/api/v1/appointments/" + id + "/reschedule", patientToken(patient), Map.of())
                .isProblem(400, "validation-failed");
        post("/api/v1/appointments/" + id + "/reschedule", null, Map.of("slotId", target))
                .isProblem(401, null);
        assertThat(slotStatus(target)).isEqualTo("AVAILABLE");

        post("/api/v1/appointments/" + id + "/cancel", patientToken(patient), null);
        reschedule(patient, id, target).isProblem(409, "appointment-not-active");
        assertThat(slotStatus(target)).isEqualTo("AVAILABLE");
    }

    @Test
    void ofManyPatientsReschedulingOntoOneSlotExactlyOneWinsAndTheOthersKeepTheirSlots() throws Exception {
        var f = fixture();
        int patients = 40;
        var target = createSlot(f.doctorId(), f.clinicId(), hoursAhead(200), Duration.ofMinutes(30));
        var originals = new ArrayList<UUID>();
        var appointments = new ArrayList<UUID>();
        var patientIds = new ArrayList<UUID>();
        for (int i = 0; i < patients; i++) {
            var patient = Ids.newId();
            var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(100 + i), Duration.ofMinutes(30));
            originals.add(slot);
            patientIds.add(patient);
            appointments.add(book(patient, slot));
        }
        var gate = new CountDownLatch(1);
        var futures = new ArrayList<Future<Response>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < patients; i++) {
                var patient = patientIds.get(i);
                var appointment = appointments.get(i);
                futures.add(executor.submit(() -> {
                    gate.await();
                    return reschedule(patient, appointment, target);
                }));
            }
            gate.countDown();
            int winner = -1;
            for (int i = 0; i < patients; i++) {
                var response = futures.get(i).get();
                if (response.status() == 200) {
                    assertThat(winner).as("a second winner").isEqualTo(-1);
                    winner = i;
                } else {
                    response.isProblem(409, "slot-already-booked");
                }
            }
            assertThat(winner).as("one winner").isNotEqualTo(-1);
            for (int i = 0; i < patients; i++) {
                if (i == winner) {
                    assertThat(slotOf(appointments.get(i))).isEqualTo(target);
                    assertThat(slotStatus(originals.get(i))).isEqualTo("AVAILABLE");
                } else {
                    assertThat(slotOf(appointments.get(i))).isEqualTo(originals.get(i));
                    assertThat(slotStatus(originals.get(i))).isEqualTo("BOOKED");
                }
            }
        }
        assertThat(jdbc.sql("select count(*) from appointments where slot_id = ? and status = 'BOOKED'")
                        .param(target)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
