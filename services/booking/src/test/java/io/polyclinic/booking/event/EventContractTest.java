package io.polyclinic.booking.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.appointment.AppointmentService;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.schema.ContractSchemas;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contract test of booking's events: every kind of change booking publishes is made through the API (or the
 * completion job), and each outbox payload, as booking wrote it, must conform to its type's JSON Schema in
 * libs/contracts, read strictly (no field the schema does not document).
 */
class EventContractTest extends BookingApiTest {

    private static final ContractSchemas SCHEMAS = ContractSchemas.forProducers();

    @Autowired
    AppointmentService appointmentService;

    @Test
    void everyEventBookingWritesConformsToItsSchema() {
        var clinic = createClinic("Казань", "Europe/Moscow");
        var specialty = createSpecialty();
        var doctorId = createDoctor("Contract Doctor " + next(), specialty, clinic);
        assertThat(put(
                                "/api/v1/admin/doctors/" + doctorId,
                                admin,
                                Map.of(
                                        "fullName", "Renamed Contract Doctor",
                                        "specialties", List.of(specialty),
                                        "clinicIds", List.of(clinic)))
                        .status())
                .isEqualTo(200);

        // Booked in Russian, rescheduled, cancelled by the patient; booked and cancelled by staff.
        var patient = Ids.newId();
        var first = createSlot(doctorId, clinic, hoursAhead(80), Duration.ofMinutes(30));
        var second = createSlot(doctorId, clinic, hoursAhead(82), Duration.ofMinutes(30));
        var booked = post(
                "/api/v1/appointments", patientToken(patient), Map.of("slotId", first, "trackerSessionId", "visit_42"));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        var appointment = booked.text("id");
        assertThat(post(
                                "/api/v1/appointments/" + appointment + "/reschedule",
                                patientToken(patient),
                                Map.of("slotId", second))
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                "/api/v1/appointments/" + appointment + "/cancel",
                                patientToken(patient),
                                Map.of("reason", "Ill"))
                        .status())
                .isEqualTo(200);
        var third = createSlot(doctorId, clinic, hoursAhead(84), Duration.ofMinutes(30));
        var staffCancelled = post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", third))
                .text("id");
        assertThat(post("/api/v1/admin/appointments/" + staffCancelled + "/cancel", admin, Map.of("reason", "Closed"))
                        .status())
                .isEqualTo(200);

        // An appointment that ended: completed by the job, then reviewed.
        var reviewer = Ids.newId();
        var ended = endedAppointment(doctorId, clinic, reviewer);
        appointmentService.completeEnded(1000);
        var review = new HashMap<String, Object>(Map.of("appointmentId", ended, "rating", 4, "text", "Kind"));
        var posted = post("/api/v1/doctors/" + doctorId + "/reviews", patientToken(reviewer), review);
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(201);
        assertThat(patch("/api/v1/admin/doctors/" + doctorId + "/status", admin, Map.of("status", "ON_LEAVE"))
                        .status())
                .isEqualTo(200);

        var events = jdbc.sql(
                        "select type, payload::text from outbox where destination = ? and msg_key = ? order by id")
                .params(EventTypes.BOOKING_TOPIC, doctorId.toString())
                .query((rs, n) -> new Written(rs.getString(1), rs.getString(2)))
                .list();

        assertThat(events)
                .extracting(Written::type)
                .containsExactlyInAnyOrder(
                        EventTypes.DOCTOR_REGISTERED,
                        EventTypes.DOCTOR_UPDATED,
                        EventTypes.APPOINTMENT_BOOKED,
                        EventTypes.APPOINTMENT_RESCHEDULED,
                        EventTypes.APPOINTMENT_CANCELLED,
                        EventTypes.APPOINTMENT_BOOKED,
                        EventTypes.APPOINTMENT_CANCELLED,
                        EventTypes.APPOINTMENT_COMPLETED,
                        EventTypes.REVIEW_POSTED,
                        EventTypes.DOCTOR_UPDATED);
        var breaks = new ArrayList<String>();
        for (var event : events) {
            var document = JSON.readTree(event.payload());
            assertThat(document.get("type").asString()).isEqualTo(event.type());
            SCHEMAS.problems(event.type(), document).forEach(p -> breaks.add(event.type() + " " + p));
        }
        assertThat(breaks).isEmpty();
        assertThat(events.stream()
                        .filter(e -> e.type().equals(EventTypes.APPOINTMENT_BOOKED))
                        .map(e -> JSON.readTree(e.payload()).get("data").get("trackerSessionId"))
                        .map(node -> node == null || node.isNull() ? "none" : node.asString()))
                .as("the tracked booking carries its visit's session id, the other none")
                .containsExactly("visit_42", "none");
    }

    @Test
    void aTrackerSessionIdThatIsNotAnIdIsAProblemAndBooksNothing() {
        var clinic = createClinic("Казань", "Europe/Moscow");
        var doctorId = createDoctor("Tracked Doctor " + next(), createSpecialty(), clinic);
        var slot = createSlot(doctorId, clinic, hoursAhead(90), Duration.ofMinutes(30));

        var refused = post(
                "/api/v1/appointments",
                patientToken(Ids.newId()),
                Map.of("slotId", slot, "trackerSessionId", "<script>alert(1)</script>"));

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("trackerSessionId");
        assertThat(jdbc.sql("select count(*) from appointments where slot_id = ?")
                        .param(slot)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private UUID endedAppointment(UUID doctorId, UUID clinicId, UUID patientId) {
        var start = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(3);
        var slotId = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(slotId, doctorId, clinicId, start, start.plusMinutes(30), "BOOKED")
                .update();
        var id = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, patient_email, locale, slot_id, doctor_id, clinic_id,
                                          start_at, end_at, status)
                values (?, ?, ?, 'en', ?, ?, ?, ?, ?, 'BOOKED')
                """)
                .params(
                        id,
                        patientId,
                        patientId + "@patients.test",
                        slotId,
                        doctorId,
                        clinicId,
                        start,
                        start.plusMinutes(30))
                .update();
        return id;
    }

    private record Written(String type, String payload) {}
}
