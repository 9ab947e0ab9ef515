package io.polyclinic.ingest.dataset;

/**
 * The type of a dataset field: how a cell's text or spreadsheet value is parsed into the stored value.
 *
 * <ul>
 *   <li>{@link #TEXT}: trimmed text, inner runs of white space kept as written;
 *   <li>{@link #INTEGER}: a whole number; {@code ,}/{@code .} decimals with a zero fraction are accepted, spaces and
 *       non-breaking spaces as thousands separators;
 *   <li>{@link #DECIMAL}: a number with {@code ,} or {@code .} as decimal separator, stored with 2 decimals;
 *   <li>{@link #MONTH}: a date or a month ({@code 2026-03}, {@code 03.2026}, {@code март 2026}), stored as the
 *       month's first day;
 *   <li>{@link #LOCAL_DATE_TIME}: a date and time without offset, in the clinic's local time;
 *   <li>{@link #PHONE}: a phone number, stored in E.164;
 *   <li>{@link #EMAIL}: an email address, stored in lower case.
 * </ul>
 */
public enum FieldType {
    TEXT,
    INTEGER,
    DECIMAL,
    MONTH,
    LOCAL_DATE_TIME,
    PHONE,
    EMAIL
}
