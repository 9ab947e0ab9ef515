package io.polyclinic.booking.specialty;

/**
 * A medical specialty.
 *
 * @param code a stable lower-case slug such as {@code cardiology}, used in search ({@code ?specialty=})
 * @param nameRu the Russian name
 * @param nameEn the English name
 */
public record Specialty(String code, String nameRu, String nameEn) {

    /** The name in the language whose ISO 639 code is given ({@code ru}, else English). */
    public String name(String language) {
        return "ru".equals(language) ? nameRu : nameEn;
    }
}
