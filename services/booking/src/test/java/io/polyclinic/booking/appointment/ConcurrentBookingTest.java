package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
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
}
