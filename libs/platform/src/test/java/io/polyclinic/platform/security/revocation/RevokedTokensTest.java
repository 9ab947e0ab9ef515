package io.polyclinic.platform.security.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RevokedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final RevokedTokens tokens = new RevokedTokens(Duration.ofMinutes(16), new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void aRevokedSessionIsForgottenOnceNoTokenOfItCanStillBeValid() {
        tokens.revokeSession("s1", NOW);

        now.set(NOW.plus(Duration.ofMinutes(15)));
        tokens.purge();
        assertThat(tokens.isRevoked("s1", "u1", NOW)).isTrue();

        now.set(NOW.plus(Duration.ofMinutes(17)));
        tokens.purge();
        assertThat(tokens.isRevoked("s1", "u1", NOW)).isFalse();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theLatestNotBeforeOfAUserWinsAndATokenIssuedAtItIsValid() {
        tokens.revokeUserTokens("u1", NOW);
        tokens.revokeUserTokens("u1", NOW.minusSeconds(60));

        assertThat(tokens.isRevoked(null, "u1", NOW.minusSeconds(1))).isTrue();
        assertThat(tokens.isRevoked(null, "u1", NOW)).isFalse();
        assertThat(tokens.isRevoked(null, "u2", NOW.minusSeconds(1))).isFalse();
        assertThat(tokens.isRevoked(null, "u1", null)).isFalse();
    }

    @Test
    void aRevocationOlderThanTheRetentionIsNotKept() {
        tokens.revokeSession("old", NOW.minus(Duration.ofHours(1)));
        tokens.revokeUserTokens("u1", NOW.minus(Duration.ofHours(1)));

        assertThat(tokens.size()).isZero();
    }
}
