package io.polyclinic.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(10);

    @Test
    void aHashIsSaltedBcryptOfTheRequestedCost() {
        var first = hasher.hash("correct horse battery staple");
        var second = hasher.hash("correct horse battery staple");

        assertThat(first).startsWith("$2a$10$").hasSize(60).isNotEqualTo(second);
        assertThat(hasher.matches("correct horse battery staple", first)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", first)).isFalse();
    }

    @Test
    void passwordsLongerThan72BytesDifferingOnlyAtTheEndDoNotMatch() {
        var base = "é".repeat(60);
        var hash = hasher.hash(base + "a");

        assertThat(hasher.matches(base + "a", hash)).isTrue();
        assertThat(hasher.matches(base + "b", hash)).isFalse();
    }

    @Test
    void aMalformedStoredHashMatchesNothing() {
        assertThat(hasher.matches("anything", "not a bcrypt hash")).isFalse();
    }

    @Test
    void aCostBelowTenIsRefused() {
        assertThatThrownBy(() -> new PasswordHasher(9)).isInstanceOf(IllegalArgumentException.class);
    }
}
