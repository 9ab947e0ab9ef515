package io.polyclinic.spreadsheet;

/** What a cell holds, as the workbook stored it. CSV cells are {@link #TEXT} or {@link #BLANK}. */
public enum CellKind {
    /** No value (or an empty string). */
    BLANK,
    /** A string, including text that looks like a number or starts with {@code =}. */
    TEXT,
    /** A number without a date format. */
    NUMBER,
    /** A number formatted as a date or time: an Excel serial, converted with the workbook's date system. */
    DATE,
    /** TRUE or FALSE. */
    BOOLEAN,
    /** An Excel error value such as {@code #DIV/0!}. */
    ERROR
}
