package io.polyclinic.booking.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The name part of a doctor search, as pure functions: the query's words, their parameters and the SQL condition on
 * {@code d.search_name}.
 *
 * <p>As typed, every word must occur in the name ({@code LIKE '%word%'}, served by the trigram index
 * {@code doctors_search_name_trgm_idx}). When that finds no one, the search runs again typo-tolerant (decision
 * 0032): a word of {@value #MIN_TYPO_WORD} letters or more also matches a name word one edit away (one letter
 * substituted, inserted or deleted, or two neighbours swapped), and, as before, the whole query matches a name it is
 * similar enough to by pg_trgm's word similarity ({@code <%}). Both sides are reduced to their deletion keys (the
 * word and the word minus each one of its letters): two words are at most one such edit apart when their keys
 * share one, which the GIN index {@code doctors_name_keys_idx} over the stored {@code doctors.name_keys} (V10,
 * name words of 5+ letters) answers with an array overlap ({@code &&}).
 */
final class NameMatch {

    /** The shortest query word that is matched typo-tolerant (a 5-letter name word with one letter deleted). */
    static final int MIN_TYPO_WORD = 4;

    /** At most this many words of a query count. */
    private static final int MAX_WORDS = 5;

    private NameMatch() {}

    /** The query's words, lower case, ё folded to е (as {@code doctors.search_name}), at most 5. */
    static List<String> words(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        var normalized = name.toLowerCase(Locale.ROOT).replace('ё', 'е').strip();
        var words = new ArrayList<String>();
        for (var word : normalized.split("\\s+")) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return words;
    }

    /** The words joined by one space: the text relevance compares names with ({@code :q}). */
    static String query(List<String> words) {
        return String.join(" ", words);
    }

    /** Whether a typo-tolerant second pass can find more: a name long enough to carry a typo. */
    static boolean typoTolerant(DoctorSearchCriteria c) {
        return c.typoTolerant() && query(words(c.name())).length() >= MIN_TYPO_WORD;
    }

    /**
     * {@code (...)}: every word of the query occurs in {@code d.search_name}; typo-tolerant, a word of
     * {@link #MIN_TYPO_WORD}+ letters may instead be one edit away from a name word, or the whole query may be similar
     * to the name by word similarity. Empty without a name.
     */
    static String condition(DoctorSearchCriteria c) {
        var words = words(c.name());
        if (words.isEmpty()) {
            return "";
        }
        var tolerant = typoTolerant(c);
        var parts = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            var like = "d.search_name like :w" + i + " escape '\\'";
            parts.add(
                    tolerant && words.get(i).length() >= MIN_TYPO_WORD
                            ? "(" + like + " or d.name_keys && string_to_array(:k" + i + ", ' '))"
                            : like);
        }
        var match = String.join(" and ", parts);
        // typo-tolerant, pg_trgm's word similarity (threshold 0.6) still forgives what it forgave before: several
        // edits in a long word, a typo in a word's beginning
        return tolerant ? "((" + match + ") or :q <% d.search_name)" : "(" + match + ")";
    }

    /** Adds {@code :q}, {@code :w0..} and (typo-tolerant) {@code :k0..}, the keys of each word, space-separated. */
    static void params(DoctorSearchCriteria c, MapSqlParameterSource params) {
        var words = words(c.name());
        if (words.isEmpty()) {
            return;
        }
        params.addValue("q", query(words));
        for (int i = 0; i < words.size(); i++) {
            params.addValue("w" + i, "%" + escapeLike(words.get(i)) + "%");
            if (typoTolerant(c)) {
                params.addValue("k" + i, String.join(" ", deletionKeys(words.get(i))));
            }
        }
    }

    /**
     * The word and the word without each one of its letters, in order, each once: the same keys
     * {@code doctor_name_keys} (V10) lists for each name word of 5+ letters.
     */
    static List<String> deletionKeys(String word) {
        var keys = new LinkedHashSet<String>();
        keys.add(word);
        for (int i = 0; i < word.length(); i++) {
            keys.add(word.substring(0, i) + word.substring(i + 1));
        }
        return List.copyOf(keys);
    }

    /** Escapes LIKE wildcards so user input matches literally. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
