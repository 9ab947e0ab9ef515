package io.polyclinic.contracts;

import java.util.Locale;

/**
 * The languages the platform speaks to people in: Russian and English, English by default. It is the {@code locale}
 * of the appointment events and of the email job ({@code "ru"} or {@code "en"} on the wire, see {@link #tag()}), the
 * language of specialty names in doctor search, and the language of the emails. Every place that turns an
 * {@code Accept-Language} header or a language tag into a language uses this type, so they all agree.
 */
public enum Language {
    /** Russian, tag {@code ru}. */
    RU("ru", Locale.of("ru")),
    /** English, tag {@code en}: the default. */
    EN("en", Locale.ENGLISH);

    /** The language chosen when nothing else is known or acceptable. */
    public static final Language DEFAULT = EN;

    /** The longest {@code Accept-Language} value read; a longer one is treated as absent. */
    public static final int MAX_HEADER_LENGTH = 1000;

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The ISO 639-1 code written on the wire and used in cache keys: {@code ru} or {@code en}. */
    public String tag() {
        return tag;
    }

    /** The locale messages and dates are formatted in: {@code ru} or {@code en}, without a country. */
    public Locale locale() {
        return locale;
    }

    /**
     * The language of a language tag, by its primary subtag, case-insensitive: {@code ru}, {@code ru-RU},
     * {@code RU_ru} are {@link #RU}; {@code en}, {@code en-GB} are {@link #EN}.
     *
     * @param tag a BCP 47 tag (an underscore is read as a hyphen), or {@code null}
     * @return the language, or {@link #DEFAULT} for {@code null}, blank or any other language
     */
    public static Language ofTag(String tag) {
        if (tag == null) {
            return DEFAULT;
        }
        var primary = tag.strip().replace('_', '-');
        int hyphen = primary.indexOf('-');
        if (hyphen >= 0) {
            primary = primary.substring(0, hyphen);
        }
        for (var language : values()) {
            if (language.tag.equalsIgnoreCase(primary)) {
                return language;
            }
        }
        return DEFAULT;
    }

    /**
     * The language to answer a request in, from its {@code Accept-Language} header (RFC 9110): the supported
     * language of the highest quality value ({@code q}), ties going to the one listed first. A range of quality 0 is
     * never chosen; {@code *} stands for the default (English) at its quality. Examples:
     * {@code ru-RU,ru;q=0.9,en;q=0.5} is {@link #RU}; {@code en;q=0.5, ru;q=0.9} is {@link #RU}; {@code de, ru;q=0.5} is {@link #RU};
     * {@code de, *;q=0.8, ru;q=0.5} is {@link #EN}; {@code ru;q=0} is {@link #EN}.
     *
     * @param header the header value, or {@code null}
     * @return the language; {@link #DEFAULT} when the header is absent, blank, malformed, longer than
     *     {@link #MAX_HEADER_LENGTH} characters or names no supported language
     */
    public static Language ofAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return DEFAULT;
        }
        java.util.List<Locale.LanguageRange> ranges;
        try {
            // Sorted by quality, highest first; the sort is stable, so equal qualities keep the header's order.
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
        for (var range : ranges) {
            if (range.getWeight() <= 0) {
                break;
            }
            var name = range.getRange();
            if (name.equals("*")) {
                return DEFAULT;
            }
            var primary = name.indexOf('-') < 0 ? name : name.substring(0, name.indexOf('-'));
            for (var language : values()) {
                if (language.tag.equalsIgnoreCase(primary)) {
                    return language;
                }
            }
        }
        return DEFAULT;
    }
}
