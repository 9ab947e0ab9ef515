package io.polyclinic.spreadsheet;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One cell as read, before any dataset-specific parsing.
 *
 * @param column zero-based column index (A = 0)
 * @param kind what the cell holds
 * @param text the value as text, never null: the string for {@link CellKind#TEXT}, {@code ""} for
 *     {@link CellKind#BLANK}, the plain decimal for {@link CellKind#NUMBER}, ISO-8601 local date-time for
 *     {@link CellKind#DATE}, {@code TRUE}/{@code FALSE}, or the error code
 * @param number the numeric value of {@link CellKind#NUMBER} and {@link CellKind#DATE} cells (for dates the Excel
 *     serial), else null
 * @param dateTime the date of a {@link CellKind#DATE} cell, converted with the workbook's 1900 or 1904 system, else null
 * @param formula the formula without its leading {@code =} when the cell holds one (its cached result is in the other
 *     fields), else null
 */
public record Cell(int column, CellKind kind, String text, BigDecimal number, LocalDateTime dateTime, String formula) {

    /** Checks the shape. */
    public Cell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (column < 0) {
            throw new IllegalArgumentException("column must be >= 0");
        }
    }

    /** A text cell (a CSV cell, or an .xlsx/.xls string); an empty string makes a blank cell. */
    public static Cell text(int column, String text) {
        return text.isEmpty()
                ? new Cell(column, CellKind.BLANK, "", null, null, null)
                : new Cell(column, CellKind.TEXT, text, null, null, null);
    }

    /** Whether the cell has no value or only whitespace. */
    public boolean isBlank() {
        return kind == CellKind.BLANK || text.isBlank();
    }

    /** The column's letters as Excel shows them: 0 -> {@code A}, 25 -> {@code Z}, 26 -> {@code AA}. */
    public String columnLetters() {
        return columnLetters(column);
    }

    /**
     * The letters of a zero-based column index.
     *
     * @param column zero-based index, >= 0
     * @return {@code A}, {@code B}, ... {@code AA}, ...
     */
    public static String columnLetters(int column) {
        var sb = new StringBuilder();
        var n = column + 1;
        while (n > 0) {
            var rem = (n - 1) % 26;
            sb.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return sb.toString();
    }
}
