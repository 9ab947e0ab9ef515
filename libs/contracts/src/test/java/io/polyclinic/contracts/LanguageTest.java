package io.polyclinic.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ru                                | RU",
                "ru-RU,ru;q=0.9,en;q=0.5           | RU",
                "RU-ru                             | RU",
                "en-GB,en;q=0.9                    | EN",
                "en;q=0.5, ru;q=0.9                | RU",
                "de, ru;q=0.5                      | RU",
                "de-CH, fr;q=0.9, en;q=0.8, ru;q=0.7 | EN",
                "de, *;q=0.8, ru;q=0.5             | EN",
                "ru;q=0, en;q=0.1                  | EN",
                "ru;q=0                            | EN",
                "ru;q=0.8, en;q=0.8                | RU",
                "en;q=0.8, ru;q=0.8                | EN",
                "de, fr                            | EN",
                "*                                 | EN",
                "ru;q=2                            | EN",
                "not a header;;;                   | EN"
            })
    void theAcceptLanguageHeaderChoosesTheSupportedLanguageOfTheHighestQuality(String header, Language expected) {
        assertThat(Language.ofAcceptLanguage(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noHeaderIsEnglish(String header) {
        assertThat(Language.ofAcceptLanguage(header)).isEqualTo(Language.EN);
    }

    @Test
    void aHeaderLongerThanTheLimitIsIgnored() {
        assertThat(Language.ofAcceptLanguage("ru," + "x;q=0.1,".repeat(200))).isEqualTo(Language.EN);
        assertThat(Language.ofAcceptLanguage("ru,de")).isEqualTo(Language.RU);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"ru, RU", "ru-RU, RU", "RU_ru, RU", "' ru ', RU", "en, EN", "en-US, EN", "de, EN", "russian, EN"})
    void aTagIsReadByItsPrimarySubtag(String tag, Language expected) {
        assertThat(Language.ofTag(tag)).isEqualTo(expected);
    }

    @Test
    void noTagIsEnglish() {
        assertThat(Language.ofTag(null)).isEqualTo(Language.EN);
        assertThat(Language.ofTag("")).isEqualTo(Language.EN);
    }

    @Test
    void eachLanguageHasItsWireTagAndLocale() {
        assertThat(Language.RU.tag()).isEqualTo("ru");
        assertThat(Language.RU.locale()).isEqualTo(Locale.of("ru"));
        assertThat(Language.EN.tag()).isEqualTo("en");
        assertThat(Language.EN.locale()).isEqualTo(Locale.ENGLISH);
        for (var language : Language.values()) {
            assertThat(Language.ofTag(language.tag())).isSameAs(language);
        }
    }
}
