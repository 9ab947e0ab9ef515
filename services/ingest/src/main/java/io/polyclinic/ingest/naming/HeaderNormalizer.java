package io.polyclinic.ingest.naming;

import java.util.Locale;
import java.util.Map;

/**
 * The normal form of a header spelling, in which the naming table looks it up: two spellings that differ only in
 * case, spaces, punctuation, {@code ё}/{@code е} or Latin letters typed inside a Russian word are the same header.
 *
 * <p>Steps, in order: every run of characters that are neither letters nor digits (spaces, non-breaking spaces,
 * punctuation, {@code №}, underscores) becomes one space and the ends are trimmed; within each word that holds at least
 * one Cyrillic letter, Latin letters that look like Cyrillic ones ({@code A B C E H K M O P T X Y} and
 * {@code a c e o p x y k}) become those Cyrillic letters; then lower case ({@link Locale#ROOT}); then {@code ё} becomes
 * {@code е}. So {@code "ФИО  врача:"}, {@code "фио врача"} and {@code "ФИO врачa"} (Latin O and a) are all
 * {@code "фио врача"}, and {@code "Doctor_Name"} is {@code "doctor name"}.
 */
public final class HeaderNormalizer {

    /** Latin letters that look like Cyrillic ones, mapped to those. */
    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(
            Map.entry('A', 'А'),
            Map.entry('B', 'В'),
            Map.entry('C', 'С'),
            Map.entry('E', 'Е'),
            Map.entry('H', 'Н'),
            Map.entry('K', 'К'),
            Map.entry('M', 'М'),
            Map.entry('O', 'О'),
            Map.entry('P', 'Р'),
            Map.entry('T', 'Т'),
            Map.entry('X', 'Х'),
            Map.entry('Y', 'У'),
            Map.entry('a', 'а'),
            Map.entry('c', 'с'),
            Map.entry('e', 'е'),
            Map.entry('o', 'о'),
            Map.entry('p', 'р'),
            Map.entry('x', 'х'),
            Map.entry('y', 'у'),
            Map.entry('k', 'к'));

    private HeaderNormalizer() {}

    /**
     * The normal form of {@code header}; empty for a header without letters or digits.
     *
     * @param header a header as written in a file or entered in the naming table ({@code null} is empty)
     */
    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        var words = new StringBuilder(header.length());
        var word = new StringBuilder();
        for (int i = 0; i < header.length(); ) {
            int cp = header.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words.toString().toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private static void flush(StringBuilder word, StringBuilder words) {
        if (word.isEmpty()) {
            return;
        }
        if (!words.isEmpty()) {
            words.append(' ');
        }
        boolean cyrillic =
                word.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            words.append(cyrillic ? LOOK_ALIKES.getOrDefault(c, c) : c);
        }
        word.setLength(0);
    }
}
