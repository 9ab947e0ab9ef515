package io.polyclinic.ingest.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNormalizerTest {

    @Test
    void caseSpacesAndPunctuationDoNotMatter() {
        assertThat(HeaderNormalizer.normalize("  ФИО\u00a0 врача: ")).isEqualTo("фио врача");
        assertThat(HeaderNormalizer.normalize("Doctor_Name")).isEqualTo("doctor name");
        assertThat(HeaderNormalizer.normalize("Кол-во  посещений")).isEqualTo("кол во посещений");
        assertThat(HeaderNormalizer.normalize("Таб. №")).isEqualTo("таб");
    }

    @Test
    void yoIsReadAsYe() {
        assertThat(HeaderNormalizer.normalize("Приёмы")).isEqualTo(HeaderNormalizer.normalize("ПРИЕМЫ"));
    }

    @Test
    void latinLookAlikesInsideRussianWordsBecomeCyrillic() {
        // "ФИO врачa": a Latin O and a Latin a typed on the wrong keyboard layout.
        assertThat(HeaderNormalizer.normalize("ФИO врачa")).isEqualTo("фио врача");
        assertThat(HeaderNormalizer.normalize("Bыручка")).isEqualTo("выручка");
        // English words keep their letters.
        assertThat(HeaderNormalizer.normalize("Clinic")).isEqualTo("clinic");
    }

    @Test
    void aHeaderWithoutLettersOrDigitsIsEmpty() {
        assertThat(HeaderNormalizer.normalize(" -- ")).isEmpty();
        assertThat(HeaderNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void closeSpellingsAreFoundAndUnrelatedOnesAreNot() {
        assertThat(SpellingSuggester.levenshtein("врач", "врачь")).isEqualTo(1);
        var known = java.util.List.of(
                new Spelling(null, "doctors", "ФИО врача", "фио врача", "full_name", null),
                new Spelling(null, "doctors", "Специальность", "специальность", "specialty", null));
        assertThat(SpellingSuggester.closest("специалность", known))
                .hasValueSatisfying(s -> assertThat(s.field()).isEqualTo("specialty"));
        assertThat(SpellingSuggester.closest("фио врача полностью", known))
                .hasValueSatisfying(s -> assertThat(s.field()).isEqualTo("full_name"));
        assertThat(SpellingSuggester.closest("зарплата", known)).isEmpty();
    }
}
