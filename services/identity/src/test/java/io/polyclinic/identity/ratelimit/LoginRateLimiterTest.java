package io.polyclinic.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.ratelimit.LoginRateLimiter.TooManyLoginAttemptsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    @Test
    void theAccountLimitCountsAnEmailIgnoringCaseAndBlanks() {
        var limiter = new LoginRateLimiter(2, 100, Duration.ofMinutes(1), 100);
        limiter.acquire("Ann@Example.com", "203.0.113.1");
        limiter.acquire(" ann@example.com ", "203.0.113.2");

        assertThatThrownBy(() -> limiter.acquire("ANN@EXAMPLE.COM", "203.0.113.3"))
                .isInstanceOfSatisfying(
                        TooManyLoginAttemptsException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.retryAfter())
                                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(61)));
        assertThatCode(() -> limiter.acquire("bob@example.com", "203.0.113.3")).doesNotThrowAnyException();
    }

    @Test
    void theIpLimitCountsEveryAccountFromOneAddress() {
        var limiter = new LoginRateLimiter(100, 3, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("user" + i + "@example.com", "203.0.113.9");
        }

        assertThatThrownBy(() -> limiter.acquire("other@example.com", "203.0.113.9"))
                .isInstanceOf(TooManyLoginAttemptsException.class);
        assertThatCode(() -> limiter.acquire("other@example.com", "203.0.113.10"))
                .doesNotThrowAnyException();
    }
}
