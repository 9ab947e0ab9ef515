package io.polyclinic.ingest.naming;

/**
 * How one column of a file maps to a dataset.
 *
 * @param index the column's index in the header row, 0-based
 * @param header the header as written in the file
 * @param field the canonical field it maps to, or {@code null} when the naming table does not know the header (or
 *     an earlier column already maps to that field)
 * @param suggestedField for an unknown header, the field of the closest known spelling, or {@code null}
 * @param suggestedSpelling that closest known spelling, or {@code null}
 * @param note why a known header is not used ({@code "duplicate of column 2"}), or {@code null}
 */
public record ColumnMapping(
        int index, String header, String field, String suggestedField, String suggestedSpelling, String note) {

    /** Whether the column feeds a field. */
    public boolean mapped() {
        return field != null;
    }
}
