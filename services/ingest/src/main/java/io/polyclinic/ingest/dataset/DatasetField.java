package io.polyclinic.ingest.dataset;

/**
 * A canonical field of a dataset.
 *
 * @param name the canonical name, lower snake case ({@code full_name}); the naming table maps headers to it
 * @param type how cells are parsed
 * @param required whether a file without a column for it is rejected, and a row with an empty cell is a row error
 * @param maxLength the longest text accepted, in characters (for text-like types)
 * @param description what the field holds, for people mapping columns
 */
public record DatasetField(String name, FieldType type, boolean required, int maxLength, String description) {

    /** A required field. */
    public static DatasetField required(String name, FieldType type, int maxLength, String description) {
        return new DatasetField(name, type, true, maxLength, description);
    }

    /** An optional field. */
    public static DatasetField optional(String name, FieldType type, int maxLength, String description) {
        return new DatasetField(name, type, false, maxLength, description);
    }
}
