package io.polyclinic.spreadsheet.report;

/**
 * Neutralizes CSV/formula injection (OWASP "CSV Injection"): a value that a spreadsheet program would run as a
 * formula, one starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return, is written with a
 * leading apostrophe so it shows as text. Applied to every value of every export, including header-like ones.
 */
public final class FormulaInjection {

    private FormulaInjection() {}

    /**
     * @param value a value about to be exported; null is treated as empty
     * @return the value, prefixed with {@code '} when it could start a formula
     */
    public static String neutralize(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return isDangerous(value) ? "'" + value : value;
    }

    /** Whether a value would be taken for a formula by Excel or LibreOffice. */
    public static boolean isDangerous(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        var first = value.charAt(0);
        return first == '='
                || first == '+'
                || first == '-'
                || first == '@'
                || first == '\t'
                || first == '\r'
                || first == '\uFF1D'
                || first == '\uFF0B'
                || first == '\uFF0D'
                || first == '\uFF20';
    }
}
