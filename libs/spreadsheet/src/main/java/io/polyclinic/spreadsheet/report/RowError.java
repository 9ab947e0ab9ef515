package io.polyclinic.spreadsheet.report;

/**
 * One line of an error report: where the bad value is, what it was and why it was refused.
 *
 * @param sheet the sheet's name ({@code ""} for CSV)
 * @param row the 1-based row number as the user sees it
 * @param column the column as the user knows it: its header, or its letters when it has none; {@code ""} for a
 *     problem of the whole row
 * @param value the cell's text as read (neutralized when written, never here)
 * @param reason why it was refused
 */
public record RowError(String sheet, long row, String column, String value, String reason) {

    /** Replaces nulls by empty strings. */
    public RowError {
        sheet = sheet == null ? "" : sheet;
        column = column == null ? "" : column;
        value = value == null ? "" : value;
        reason = reason == null ? "" : reason;
    }
}
