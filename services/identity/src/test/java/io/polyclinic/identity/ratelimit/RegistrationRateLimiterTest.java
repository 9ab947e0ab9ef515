package io.polyclinic.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.ratelimit.RegistrationRateLimiter.TooManyRegistrationsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationRateLimiterTest {

    @Test
    void anAddressGetsPerIpRegistrationsAPeriodAndOthersAreUnaffected() {
        var limiter = new RegistrationRateLimiter(2, Duration.ofMinutes(1), 100);
        limiter.acquire("203.0.113.1");
        limiter.acquire("203.0.113.1");

        assertThatThrownBy(() -> limiter.acquire("203.0.113.1"))
                .isInstanceOfSatisfying(TooManyRegistrationsException.class, e -> assertThat(e.retryAfter())
                        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(31)));
        assertThatCode(() -> limiter.acquire("203.0.113.2")).doesNotThrowAnyException();
    }
}
