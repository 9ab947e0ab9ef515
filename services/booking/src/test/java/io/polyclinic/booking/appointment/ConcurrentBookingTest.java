package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** S3 "Book": exactly one of any number of concurrent attempts on the same slot succeeds, over real HTTP. */
class ConcurrentBookingTest extends BookingApiTest {

    private static final int PATIENTS = 120;

    @Test
    void exactlyOneOfManyConcurrentPatientsBooksTheSlotAndTheOthersGet409() throws Exception {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(100), Duration.ofMinutes(30));
        var tokens = new ArrayList<String>();
        for (int i = 0; i < PATIENTS; i++) {
            tokens.add(patientToken(Ids.newId()));
        }
        var gate = new CountDownLatch(1);
        var results = new ArrayList<Future<Response>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var token : tokens) {
                results.add(executor.submit(() -> {
                    gate.await();
                    return post("/api/v1/appointments", token, Map.of("slotId", slotId));
                }));
            }
            gate.countDown();
            int created = 0;
            int conflicts = 0;
            for (var result : results) {
                var response = result.get();
                if (response.status() == 201) {
                    created++;
                } else {
                    response.isProblem(409, "slot-already-booked");
                    conflicts++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(conflicts).isEqualTo(PATIENTS - 1);
        }
        assertThat(jdbc.sql("select count(*) from appointments where slot_id = ? and status = 'BOOKED'")
                        .param(slotId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from slots where id = ?")
                        .param(slotId)
                        .query(String.class)
                        .single())
                .isEqualTo("BOOKED");
    }

    @Test
    void onePatientBookingFiveDoctorsAtTheSameTimeConcurrentlyGetsExactlyOne() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var start = hoursAhead(110);
        var slotIds = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            var doctor = createDoctor("Parallel " + next(), specialty, clinic);
            slotIds.add(createSlot(doctor, clinic, start, Duration.ofMinutes(30)));
        }
        var patient = Ids.newId();

        var responses = bookConcurrently(patientToken(patient), slotIds);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(4).allSatisfy(r -> assertThat(r.status())
                .isIn(409, 422));
        assertThat(bookedCount(patient)).isEqualTo(1);
    }

    @Test
    void aPatientHoldingFourAppointmentsGetsExactlyOneOfFiveConcurrentBookings() throws Exception {
        var f = fixture();
        var patient = Ids.newId();
        var token = patientToken(patient);
        for (int i = 0; i < 4; i++) {
            var held = createSlot(f.doctorId(), f.clinicId(), hoursAhead(120 + i), Duration.ofMinutes(30));
            assertThat(post("/api/v1/appointments", token, Map.of("slotId", held))
                            .status())
                    .isEqualTo(201);
        }
        var slotIds = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            slotIds.add(createSlot(f.doctorId(), f.clinicId(), hoursAhead(130 + i), Duration.ofMinutes(30)));
        }

        var responses = bookConcurrently(token, slotIds);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() != 201)
                .hasSize(4)
                .allSatisfy(r -> r.isProblem(422, "too-many-appointments"));
        assertThat(bookedCount(patient)).isEqualTo(5);
    }

    /** Books each slot with the same token, all requests released at once. */
    private List<Response> bookConcurrently(String token, List<UUID> slotIds) throws Exception {
        var gate = new CountDownLatch(1);
        var futures = new ArrayList<Future<Response>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var slotId : slotIds) {
                futures.add(executor.submit(() -> {
                    gate.await();
                    return post("/api/v1/appointments", token, Map.of("slotId", slotId));
                }));
            }
            gate.countDown();
            var responses = new ArrayList<Response>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private long bookedCount(UUID patientId) {
        return jdbc.sql("select count(*) from appointments where patient_id = ? and status = 'BOOKED'")
                .param(patientId)
                .query(Long.class)
                .single();
    }
}
