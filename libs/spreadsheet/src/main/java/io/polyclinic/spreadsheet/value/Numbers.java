package io.polyclinic.spreadsheet.value;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Text to decimal with the separators people type; the rules are listed on {@link CellValues}. */
final class Numbers {

    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final String[] CURRENCY_SUFFIXES = {"₽", "руб.", "руб", "р.", "RUB", "rub"};

    private Numbers() {}

    static ParseResult<BigDecimal> parse(String text, int maxChars) {
        if (text.isEmpty()) {
            return ParseResult.blank();
        }
        if (text.length() > maxChars) {
            return ParseResult.problem("not a number: too long");
        }
        var s = dropCurrency(text);
        var sb = new StringBuilder(s.length());
        for (var i = 0; i < s.length(); i++) {
            var ch = s.charAt(i);
            if (!CellValues.isSpace(ch) && ch != '\'' && ch != '’') {
                sb.append(ch == '−' ? '-' : ch);
            }
        }
        var t = normalizeSeparators(sb.toString());
        if (t == null || !PLAIN.matcher(t).matches()) {
            return ParseResult.problem("not a number: " + text);
        }
        return ParseResult.of(new BigDecimal(t));
    }

    private static String dropCurrency(String s) {
        for (var suffix : CURRENCY_SUFFIXES) {
            if (s.endsWith(suffix)) {
                return CellValues.trim(s.substring(0, s.length() - suffix.length()));
            }
        }
        return s;
    }

    /** Returns the number with {@code .} as the only separator, or null when the separators are inconsistent. */
    private static String normalizeSeparators(String s) {
        var lastComma = s.lastIndexOf(',');
        var lastDot = s.lastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0) {
            var decimal = lastComma > lastDot ? ',' : '.';
            var thousands = decimal == ',' ? '.' : ',';
            var intPart = s.substring(0, Math.max(lastComma, lastDot));
            if (intPart.indexOf(decimal) >= 0 || !groupedByThree(intPart, thousands)) {
                return null;
            }
            return intPart.replace(String.valueOf(thousands), "") + "." + s.substring(Math.max(lastComma, lastDot) + 1);
        }
        var sep = lastComma >= 0 ? ',' : '.';
        var count = s.chars().filter(c -> c == sep).count();
        if (count <= 1) {
            return s.replace(',', '.');
        }
        return groupedByThree(s, sep) ? s.replace(String.valueOf(sep), "") : null;
    }

    private static boolean groupedByThree(String s, char sep) {
        var parts = s.split(Pattern.quote(String.valueOf(sep)), -1);
        for (var i = 1; i < parts.length; i++) {
            if (parts[i].length() != 3) {
                return false;
            }
        }
        return parts.length == 1 || !parts[0].isEmpty();
    }
}
