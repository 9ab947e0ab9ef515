package io.polyclinic.ingest.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which known spelling the preview offers for a header the naming table does not know (normal forms here). */
class SpellingSuggesterTest {

    private static final List<Spelling> KNOWN = List.of(
            spelling("приемы", "visits"),
            spelling("количество посещений", "visits"),
            spelling("фио врача", "doctor"),
            spelling("отделение", "department"),
            spelling("выручка", "revenue"));

    private static Spelling spelling(String normalized, String field) {
        return new Spelling(UUID.randomUUID(), "clinic_visits", normalized, normalized, field, Instant.EPOCH);
    }

    @Test
    void aHeaderWhoseOneWordIsNearAKnownOneWordSpellingGetsIt() {
        assertThat(SpellingSuggester.closest("число приемов", KNOWN))
                .map(Spelling::field)
                .hasValue("visits");
    }

    @Test
    void aTypoAndAKnownSpellingInsideALongerHeaderAreSuggested() {
        assertThat(SpellingSuggester.closest("количество посищений", KNOWN))
                .map(Spelling::field)
                .hasValue("visits");
        assertThat(SpellingSuggester.closest("фио врача полностью", KNOWN))
                .map(Spelling::field)
                .hasValue("doctor");
    }

    @Test
    void anUnrelatedHeaderGetsNoSuggestion() {
        assertThat(SpellingSuggester.closest("примечание", KNOWN)).isEmpty();
        assertThat(SpellingSuggester.closest("номер полиса пациента", KNOWN)).isEmpty();
    }
}
