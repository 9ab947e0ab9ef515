package io.polyclinic.booking.specialty;

import io.polyclinic.contracts.Language;

/**
 * A medical specialty.
 *
 * @param code a stable lower-case slug such as {@code cardiology}, used in search ({@code ?specialty=})
 * @param nameRu the Russian name
 * @param nameEn the English name
 */
public record Specialty(String code, String nameRu, String nameEn) {

    /** The name in that language. */
    public String name(Language language) {
        return language == Language.RU ? nameRu : nameEn;
    }
}
