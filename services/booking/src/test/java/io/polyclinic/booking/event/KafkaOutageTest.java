package io.polyclinic.booking.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kafka down: bookings still succeed, their events wait in the outbox, and they are published once the broker is
 * back, none lost. Stops the JVM's shared broker, and always starts it again.
 */
class KafkaOutageTest extends BookingApiTest {

    @Test
    void withKafkaDownABookingSucceedsAndItsEventIsPublishedWhenKafkaIsBack() {
        var kafka = EmbeddedKafkaServer.shared();
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(140), Duration.ofMinutes(30));
        String appointmentId;
        kafka.stop();
        try {
            var booked = post("/api/v1/appointments", patientToken(Ids.newId()), Map.of("slotId", slotId));
            assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
            appointmentId = booked.text("id");
            // Longer than a relay round and a send timeout would need to publish it if it could.
            sleep(Duration.ofSeconds(3));
            assertThat(pendingAbout(appointmentId)).isEqualTo(1);
        } finally {
            kafka.restart();
        }

        var events = KafkaEvents.await(
                kafka.bootstrapServers(),
                "booking.events",
                e -> appointmentId.equals(e.data().path("appointmentId").asString(null)),
                1,
                Duration.ofSeconds(90),
                Duration.ofSeconds(2));

        assertThat(events).hasSize(1);
        assertThat(events.getFirst().type()).isEqualTo("AppointmentBooked");
        assertThat(pendingAbout(appointmentId)).isZero();
    }

    private long pendingAbout(String appointmentId) {
        return jdbc.sql("select count(*) from outbox where published_at is null"
                        + " and payload -> 'data' ->> 'appointmentId' = ?")
                .param(appointmentId)
                .query(Long.class)
                .single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
