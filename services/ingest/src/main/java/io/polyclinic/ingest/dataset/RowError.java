package io.polyclinic.ingest.dataset;

/**
 * Why one row (or one cell of it) was not loaded.
 *
 * @param sheet the sheet ({@code null} for CSV)
 * @param rowNumber the row number in the sheet, 1-based
 * @param column the column's header as written in the file, or the canonical field when the error is about a row
 *     as a whole ({@code null} if no column applies)
 * @param value the offending cell's text as read, or {@code null}
 * @param reason a user-safe explanation ("not a number", "unknown clinic", ...)
 */
public record RowError(String sheet, long rowNumber, String column, String value, String reason) {}
