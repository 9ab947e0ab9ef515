package io.polyclinic.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The duplicate-key check of one file: which keys count as the same, and the row that had a key first. */
class NaturalKeySetTest {

    private static List<Object> key(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void aKeySeenBeforeAnswersTheRowThatHadItFirstWhateverTheCaseOfItsText() {
        var keys = new NaturalKeySet();
        var month = LocalDate.of(2026, 1, 1);

        assertThat(keys.add(key(month, "Центральная", "Терапия", "Иванов Иван"), 2))
                .isZero();
        assertThat(keys.add(key(month, "ЦЕНТРАЛЬНАЯ", "терапия", "иванов иван"), 7))
                .isEqualTo(2);
        assertThat(keys.add(key(month, "Центральная", "Терапия", "Иванов Иван"), 9))
                .isEqualTo(2);
    }

    @Test
    void keysThatDifferInAnyValueOrInWhereTheirValuesSplitAreDifferent() {
        var keys = new NaturalKeySet();

        assertThat(keys.add(key("ab", "c"), 2)).isZero();
        assertThat(keys.add(key("a", "bc"), 3)).isZero();
        assertThat(keys.add(key("abc", ""), 4)).isZero();
        assertThat(keys.add(key("abc", null), 5)).isZero();
        assertThat(keys.add(key(LocalDate.of(2026, 1, 1), 1L), 6)).isZero();
        assertThat(keys.add(key(LocalDate.of(2026, 2, 1), 1L), 7)).isZero();
        assertThat(keys.add(key(new BigDecimal("1.50"), "x"), 8)).isZero();
        assertThat(keys.add(key(LocalDate.of(2026, 2, 1), 1L), 9)).isEqualTo(7);
    }

    @Test
    void aMillionDistinctKeysAreAllNewAndEachIsFoundAgain() {
        var keys = new NaturalKeySet();
        for (int i = 1; i <= 1_000_000; i++) {
            assertThat(keys.add(key("Врач " + i, (long) i % 24), i)).isZero();
        }
        for (int i = 1; i <= 1_000_000; i += 99_999) {
            assertThat(keys.add(key("ВРАЧ " + i, (long) i % 24), 2_000_000)).isEqualTo(i);
        }
    }
}
