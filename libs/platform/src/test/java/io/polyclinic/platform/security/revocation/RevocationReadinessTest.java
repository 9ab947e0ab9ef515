package io.polyclinic.platform.security.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;

class RevocationReadinessTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final RevocationProperties properties =
            new RevocationProperties(true, "identity.events", Duration.ofMinutes(15), Duration.ofSeconds(60));

    @Test
    void aServiceWhoseReplayHasNotCaughtUpIsNotReadyUntilTheTimeout() {
        var clock = Clock.fixed(START, ZoneOffset.UTC);
        // A consumer that never sees the topic: the replay cannot catch up.
        var listener = new RevocationEventListener(
                () -> new MockConsumer<>("latest"),
                new RevokedTokens(properties.retention(), clock),
                properties,
                clock);
        listener.start();
        try {
            assertThat(readiness(listener, START.plusSeconds(59))).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(readiness(listener, START.plusSeconds(61))).isEqualTo(Status.UP);
        } finally {
            listener.stop();
        }
    }

    @Test
    void aServiceThatIsNotReadyOnItsOwnStaysNotReady() {
        var clock = Clock.fixed(START, ZoneOffset.UTC);
        var listener = new RevocationEventListener(
                () -> new MockConsumer<>("latest"),
                new RevokedTokens(properties.retention(), clock),
                properties,
                clock);
        var availability = new ApplicationAvailabilityBean();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new Object(), ReadinessState.REFUSING_TRAFFIC));

        var readiness = new RevocationReadiness(availability, listener, properties.readinessTimeout(), clock);

        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    private Status readiness(RevocationEventListener listener, Instant now) {
        var readiness = new RevocationReadiness(
                accepting(), listener, properties.readinessTimeout(), Clock.fixed(now, ZoneOffset.UTC));
        return readiness.health().getStatus();
    }

    private static ApplicationAvailability accepting() {
        var availability = new ApplicationAvailabilityBean();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new Object(), ReadinessState.ACCEPTING_TRAFFIC));
        return availability;
    }
}
