package io.polyclinic.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.ratelimit.LoginRateLimiter.TooManyLoginAttemptsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theAccountAndIpLimitCountsAnEmailIgnoringCaseAndBlanks() {
        var limiter = new LoginRateLimiter(2, 100, 100, MINUTE, 100);
        limiter.acquire("Ann@Example.com", "203.0.113.1");
        limiter.acquire(" ann@example.com ", "203.0.113.1");

        assertThatThrownBy(() -> limiter.acquire("ANN@EXAMPLE.COM", "203.0.113.1"))
                .isInstanceOfSatisfying(TooManyLoginAttemptsException.class, e -> assertThat(e.retryAfter())
                        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(61)));
        assertThatCode(() -> limiter.acquire("bob@example.com", "203.0.113.1")).doesNotThrowAnyException();
    }

    @Test
    void anAccountExhaustedFromOneAddressStillAcceptsAttemptsFromAnother() {
        var limiter = new LoginRateLimiter(2, 5, 100, MINUTE, 100);
        for (int i = 0; i < 10; i++) {
            try {
                limiter.acquire("victim@example.com", "203.0.113.66");
            } catch (TooManyLoginAttemptsException expected) {
                // The attacker keeps trying; refused attempts must not drain the victim's account bucket.
            }
        }

        for (int i = 0; i < 2; i++) {
            assertThatCode(() -> limiter.acquire("victim@example.com", "198.51.100.7"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theAccountLimitCountsAttemptsFromEveryAddress() {
        var limiter = new LoginRateLimiter(2, 3, 100, MINUTE, 100);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ann@example.com", "203.0.113." + i);
        }

        assertThatThrownBy(() -> limiter.acquire("ann@example.com", "203.0.113.99"))
                .isInstanceOf(TooManyLoginAttemptsException.class);
    }

    @Test
    void theIpLimitCountsEveryAccountFromOneAddress() {
        var limiter = new LoginRateLimiter(100, 100, 3, MINUTE, 100);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("user" + i + "@example.com", "203.0.113.9");
        }

        assertThatThrownBy(() -> limiter.acquire("other@example.com", "203.0.113.9"))
                .isInstanceOf(TooManyLoginAttemptsException.class);
        assertThatCode(() -> limiter.acquire("other@example.com", "203.0.113.10"))
                .doesNotThrowAnyException();
    }
}
