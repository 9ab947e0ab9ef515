package io.polyclinic.spreadsheet;

/**
 * Recognizes text garbled by a wrong encoding, so that it is refused rather than loaded. Two kinds are caught:
 * the Unicode replacement character {@code U+FFFD} (bytes that a program could not decode, e.g. Windows-1251 read as
 * UTF-8 and saved again), and UTF-8 Cyrillic read as Windows-1251 or Latin-1 and saved again ({@code "Р˜РІР°РЅРѕРІ"}
 * or {@code "Ð˜Ð²Ð°Ð½Ð¾Ð²"} for {@code "Иванов"}): each Cyrillic letter then becomes {@code Р}/{@code С} (or
 * {@code Ð}/{@code Ñ}) followed by a character that the second byte {@code 0x80-0xBF} maps to, a pairing that real
 * Russian or English text practically never has.
 */
public final class Mojibake {

    /** What Windows-1251 makes of the bytes 0x80-0xBF, the continuation bytes of UTF-8 Cyrillic. */
    private static final String CP1251_HIGH =
            "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї";

    /** What Windows-1252 makes of 0x80-0x9F (Latin-1 is U+0080-U+00BF itself). */
    private static final String CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

    private Mojibake() {}

    /**
     * Whether a text looks garbled.
     *
     * @param text any text (a header, a sample of a file)
     * @return true when it holds {@code U+FFFD}, or at least two garbled pairs making up a quarter or more of its
     *     Cyrillic-looking letters
     */
    public static boolean looksGarbled(CharSequence text) {
        var pairs = 0;
        var letters = 0;
        for (var i = 0; i < text.length(); i++) {
            var ch = text.charAt(i);
            if (ch == '\uFFFD') {
                return true;
            }
            if ((ch >= '\u0400' && ch <= '\u04FF') || ch == 'Ð' || ch == 'Ñ') {
                letters++;
            }
            if (i + 1 < text.length() && isPair(ch, text.charAt(i + 1))) {
                pairs++;
            }
        }
        return pairs >= 2 && pairs * 4 >= letters;
    }

    private static boolean isPair(char lead, char next) {
        if (lead == 'Р' || lead == 'С') {
            return CP1251_HIGH.indexOf(next) >= 0;
        }
        if (lead == 'Ð' || lead == 'Ñ') {
            return (next >= '\u0080' && next <= '\u00BF') || CP1252_HIGH.indexOf(next) >= 0;
        }
        return false;
    }
}
