package io.polyclinic.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    @Test
    void aClientMayBurstUpToTheCapacityAndIsThenToldHowLongToWait() {
        var limiter = new ClientRateLimiter(2, Duration.ofMinutes(1), 10);

        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").remaining()).isZero();
        var refused = limiter.tryAcquire("a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void clientsHaveSeparateBuckets() {
        var limiter = new ClientRateLimiter(1, Duration.ofMinutes(1), 10);

        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void aFloodOfNewClientsDoesNotResetALimitedOne() {
        var limiter = new ClientRateLimiter(1, Duration.ofHours(1), 3);
        assertThat(limiter.tryAcquire("abuser").allowed()).isTrue();
        assertThat(limiter.tryAcquire("abuser").allowed()).isFalse();

        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("fresh-address-" + i);
        }

        assertThat(limiter.tryAcquire("abuser").allowed()).isFalse();
        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(3);
    }

    @Test
    void theNumberOfTrackedClientsStaysBounded() {
        var limiter = new ClientRateLimiter(5, Duration.ofHours(1), 3);

        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("client-" + i);
        }

        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(3);
    }

    @Test
    void fullBucketsAreDroppedFirst() {
        var limiter = new ClientRateLimiter(1, Duration.ofMillis(1), 2);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        sleep(20);

        limiter.tryAcquire("c");

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNonsensicalLimitIsRejected() {
        assertThatThrownBy(() -> new ClientRateLimiter(0, Duration.ofMinutes(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
