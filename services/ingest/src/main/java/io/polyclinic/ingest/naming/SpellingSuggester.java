package io.polyclinic.ingest.naming;

import java.util.List;
import java.util.Optional;

/**
 * Finds the known spelling closest to an unknown header: the smallest Levenshtein edit distance between normal forms
 * (insertions, deletions and substitutions of one character each cost 1), also counting a known spelling contained
 * in the header as a whole (the header {@code "фио врача полностью"} is close to {@code "фио врача"}) and a one-word
 * spelling near one word of the header (that word's distance plus 1, when the word alone is close: {@code "число
 * приемов"} is close to {@code "приемы"}). A suggestion is
 * made only when the distance is at most 40 % of the longer form's length (at least 2), so unrelated headers get none.
 */
final class SpellingSuggester {

    private SpellingSuggester() {}

    /** The closest spelling to the normalized header {@code normalized}, if one is close enough. */
    static Optional<Spelling> closest(String normalized, List<Spelling> known) {
        Spelling best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (var spelling : known) {
            int distance = distance(normalized, spelling.normalized());
            if (distance <= limit(normalized, spelling.normalized()) && distance < bestDistance) {
                best = spelling;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The most edits that still make two forms close: 40 % of the longer one's length, at least 2. */
    private static int limit(String a, String b) {
        return Math.max(2, (int) (Math.max(a.length(), b.length()) * 0.4));
    }

    private static int distance(String header, String known) {
        if (!known.isEmpty() && (" " + header + " ").contains(" " + known + " ")) {
            return 1;
        }
        int distance = levenshtein(header, known);
        if (!known.contains(" ")) {
            // A one-word spelling near one word of a longer header ("число приемов" ~ "приемы"): that word's distance,
            // plus one for the words around it.
            for (var word : header.split(" ")) {
                int wordDistance = levenshtein(word, known);
                if (!word.equals(header) && wordDistance <= limit(word, known)) {
                    distance = Math.min(distance, wordDistance + 1);
                }
            }
        }
        return distance;
    }

    /** Levenshtein distance with two rows of the dynamic-programming table (Wagner-Fischer). */
    static int levenshtein(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
