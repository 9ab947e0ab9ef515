package io.polyclinic.booking.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.appointment.AppointmentService;
import io.polyclinic.contracts.Language;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking's events on the real engines: the outbox in embedded PostgreSQL, the relay, and {@code booking.events} on
 * the embedded Kafka broker, read back by a consumer as the notifier would.
 */
class BookingEventsTest extends BookingApiTest {

    private static final String TOPIC = "booking.events";

    @Autowired
    AppointmentService appointmentService;

    @Autowired
    PlatformTransactionManager transactionManager;

    private static String kafka() {
        return EmbeddedKafkaServer.shared().bootstrapServers();
    }

    private Response bookInRussian(UUID patientId, UUID slotId) throws Exception {
        return book(patientId, slotId, "ru-RU,ru;q=0.9,en;q=0.5");
    }

    private Response book(UUID patientId, UUID slotId, String acceptLanguage) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/appointments"))
                .header("Authorization", "Bearer " + patientToken(patientId))
                .header("Content-Type", "application/json")
                .header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slotId + "\"}"))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response, JSON.readTree(response.body()));
    }

    private static List<KafkaEvents.Event> eventsAbout(String field, Object id, int expected) {
        return KafkaEvents.await(
                kafka(),
                TOPIC,
                e -> id.toString().equals(e.data().path(field).asString(null)),
                expected,
                Duration.ofSeconds(60),
                Duration.ofSeconds(2));
    }

    @Test
    void bookingPublishesExactlyOneAppointmentBookedWithTheDocumentedEnvelope() throws Exception {
        var f = fixture();
        var start = hoursAhead(72);
        var slotId = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var patientId = Ids.newId();

        var booked = bookInRussian(patientId, slotId);
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        var appointmentId = booked.text("id");

        var events = eventsAbout("appointmentId", appointmentId, 1);
        assertThat(events).hasSize(1);
        var event = events.getFirst();
        assertThat(event.key()).isEqualTo(f.doctorId().toString());
        assertThat(event.typeHeader()).isEqualTo("AppointmentBooked");
        var envelope = event.value();
        assertThat(envelope.propertyNames())
                .containsExactlyInAnyOrder("id", "type", "occurredAt", "source", "version", "data");
        assertThat(UUID.fromString(envelope.get("id").asString()).version()).isEqualTo(7);
        assertThat(envelope.get("type").asString()).isEqualTo("AppointmentBooked");
        assertThat(envelope.get("source").asString()).isEqualTo("booking");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(envelope.get("occurredAt").asString())).isBefore(Instant.now());
        var data = event.data();
        assertThat(data.get("slotId").asString()).isEqualTo(slotId.toString());
        assertThat(data.get("doctorId").asString()).isEqualTo(f.doctorId().toString());
        assertThat(data.get("clinicId").asString()).isEqualTo(f.clinicId().toString());
        assertThat(data.get("doctorName").asString()).startsWith("Doctor ");
        assertThat(data.get("clinicName").asString()).startsWith("Clinic ");
        assertThat(data.get("clinicAddress").asString()).startsWith("Main street ");
        assertThat(data.get("clinicTimeZone").asString()).isEqualTo("Europe/Moscow");
        assertThat(data.get("patientId").asString()).isEqualTo(patientId.toString());
        assertThat(data.get("patientEmail").asString()).isEqualTo(patientId + "@patients.test");
        assertThat(data.get("locale").asString()).isEqualTo("ru");
        assertThat(Instant.parse(data.get("start").asString())).isEqualTo(start);
        assertThat(Instant.parse(data.get("end").asString())).isEqualTo(start.plus(Duration.ofMinutes(30)));
        assertThat(data.get("status").asString()).isEqualTo("BOOKED");
        assertThat(data.get("cancelReason").isNull()).isTrue();
        assertThat(data.get("cancelledBy").isNull()).isTrue();
        assertThat(data.get("previousSlotId").isNull()).isTrue();
        assertThat(data.get("previousStart").isNull()).isTrue();
        assertThat(data.get("previousEnd").isNull()).isTrue();
    }

    @Test
    void thePatientsLanguageIsTheOneAcceptLanguagePrefersByQualityNotByPosition() throws Exception {
        var f = fixture();
        var russianSlot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(74), Duration.ofMinutes(30));
        var englishSlot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(76), Duration.ofMinutes(30));
        var russian = book(Ids.newId(), russianSlot, "en;q=0.5, de, ru-RU;q=0.9");
        var english = book(Ids.newId(), englishSlot, "de-CH, *;q=0.8, ru;q=0.3");
        assertThat(russian.status()).as(russian.raw().body()).isEqualTo(201);
        assertThat(english.status()).as(english.raw().body()).isEqualTo(201);

        assertThat(eventsAbout("appointmentId", russian.text("id"), 1)
                        .getFirst()
                        .data()
                        .get("locale")
                        .asString())
                .isEqualTo("ru");
        assertThat(eventsAbout("appointmentId", english.text("id"), 1)
                        .getFirst()
                        .data()
                        .get("locale")
                        .asString())
                .isEqualTo("en");
    }

    @Test
    void aCancellationFollowsItsBookingOnTheDoctorsKey() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(96), Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var booked = post("/api/v1/appointments", patientToken(patientId), Map.of("slotId", slotId));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        var appointmentId = booked.text("id");
        var cancelled = post(
                "/api/v1/appointments/" + appointmentId + "/cancel", patientToken(patientId), Map.of("reason", "Ill"));
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);

        var events = eventsAbout("appointmentId", appointmentId, 2);

        assertThat(events)
                .extracting(KafkaEvents.Event::type)
                .containsExactly("AppointmentBooked", "AppointmentCancelled");
        assertThat(events)
                .extracting(KafkaEvents.Event::partition)
                .containsOnly(events.getFirst().partition());
        var data = events.get(1).data();
        assertThat(data.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(data.get("cancelReason").asString()).isEqualTo("Ill");
        assertThat(data.get("cancelledBy").asString()).isEqualTo("PATIENT");
        assertThat(data.get("locale").asString()).isEqualTo("en");
    }

    @Test
    void aRescheduleIsPublishedWithTheNewAndThePreviousSlot() {
        var f = fixture();
        var oldStart = hoursAhead(110);
        var oldSlot = createSlot(f.doctorId(), f.clinicId(), oldStart, Duration.ofMinutes(30));
        var newStart = hoursAhead(134);
        var newSlot = createSlot(f.doctorId(), f.clinicId(), newStart, Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var appointmentId = post("/api/v1/appointments", patientToken(patientId), Map.of("slotId", oldSlot))
                .text("id");
        var moved = post(
                "/api/v1/appointments/" + appointmentId + "/reschedule",
                patientToken(patientId),
                Map.of("slotId", newSlot));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);

        var events = eventsAbout("appointmentId", appointmentId, 2);

        assertThat(events)
                .extracting(KafkaEvents.Event::type)
                .containsExactly("AppointmentBooked", "AppointmentRescheduled");
        var data = events.get(1).data();
        assertThat(data.get("slotId").asString()).isEqualTo(newSlot.toString());
        assertThat(Instant.parse(data.get("start").asString())).isEqualTo(newStart);
        assertThat(data.get("previousSlotId").asString()).isEqualTo(oldSlot.toString());
        assertThat(Instant.parse(data.get("previousStart").asString())).isEqualTo(oldStart);
        assertThat(data.get("patientEmail").asString()).isEqualTo(patientId + "@patients.test");
    }

    @Test
    void completingAnEndedAppointmentPublishesAppointmentCompleted() {
        var f = fixture();
        var start = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .withNano(0)
                .minusHours(3);
        var slotId = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at, status) values (?, ?, ?, ?, ?, ?)")
                .params(slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), "BOOKED")
                .update();
        var appointmentId = Ids.newId();
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'BOOKED')
                """)
                .params(appointmentId, Ids.newId(), slotId, f.doctorId(), f.clinicId(), start, start.plusMinutes(30))
                .update();

        // the scheduled completion job may get there first: either way the event is published once
        appointmentService.completeEnded(1000);

        var events = eventsAbout("appointmentId", appointmentId, 1);
        assertThat(events).extracting(KafkaEvents.Event::type).containsExactly("AppointmentCompleted");
        assertThat(events.getFirst().data().get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void staffCancellationSaysStaff() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(100), Duration.ofMinutes(30));
        var booked = post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", slotId));
        var appointmentId = booked.text("id");
        assertThat(post("/api/v1/admin/appointments/" + appointmentId + "/cancel", admin, Map.of("reason", "Closed"))
                        .status())
                .isEqualTo(200);

        var events = eventsAbout("appointmentId", appointmentId, 2);

        assertThat(events.getLast().data().get("cancelledBy").asString()).isEqualTo("STAFF");
    }

    @Test
    void doctorRegistrationEditAndStatusChangeArePublishedInOrder() {
        var clinic = createClinic("Казань", "Europe/Moscow");
        var specialty = createSpecialty();
        var doctorId = createDoctor("Registered Doctor " + next(), specialty, clinic);
        var edit = put(
                "/api/v1/admin/doctors/" + doctorId,
                admin,
                Map.of("fullName", "Renamed Doctor", "specialties", List.of(specialty), "clinicIds", List.of(clinic)));
        assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
        var status = patch("/api/v1/admin/doctors/" + doctorId + "/status", admin, Map.of("status", "ON_LEAVE"));
        assertThat(status.status()).as(status.raw().body()).isEqualTo(200);

        var events = eventsAbout("doctorId", doctorId, 3).stream()
                .filter(e -> e.type().startsWith("Doctor"))
                .toList();

        assertThat(events)
                .extracting(KafkaEvents.Event::type)
                .containsExactly("DoctorRegistered", "DoctorUpdated", "DoctorUpdated");
        assertThat(events).extracting(KafkaEvents.Event::key).containsOnly(doctorId.toString());
        assertThat(events.get(1).data().get("fullName").asString()).isEqualTo("Renamed Doctor");
        assertThat(events.get(2).data().get("status").asString()).isEqualTo("ON_LEAVE");
    }

    @Test
    void aRolledBackBookingPublishesNothing() {
        var f = fixture();
        var rolledBackSlot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(120), Duration.ofMinutes(30));
        var laterSlot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(121), Duration.ofMinutes(30));
        var patient = new AuthenticatedUser(Ids.newId(), "rolled@back.test", Set.of(AuthenticatedUser.PATIENT));
        var transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            appointmentService.book(patient, rolledBackSlot, Language.EN);
            status.setRollbackOnly();
        });
        // A booking committed afterwards on the same key: once it is on the topic, an earlier event would be too.
        var later = post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", laterSlot));
        assertThat(later.status()).isEqualTo(201);

        var events = eventsAbout("doctorId", f.doctorId(), 2).stream()
                .filter(e -> e.type().startsWith("Appointment"))
                .toList();

        assertThat(events).hasSize(1);
        assertThat(events.getFirst().data().get("slotId").asString()).isEqualTo(laterSlot.toString());
        assertThat(jdbc.sql("select count(*) from outbox where payload -> 'data' ->> 'slotId' = ?")
                        .param(rolledBackSlot.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
