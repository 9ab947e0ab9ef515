package io.polyclinic.spreadsheet.report;

import java.io.IOException;

/**
 * A streaming error-report writer: a header line, then one line per {@link RowError}, every value neutralized
 * against formula injection. Close it to finish the file (the underlying stream is not closed).
 */
public interface ErrorReport extends AutoCloseable {

    /** The column titles written first. */
    java.util.List<String> COLUMNS = java.util.List.of("sheet", "row", "column", "value", "reason");

    /**
     * Appends one error.
     *
     * @param error the error
     * @throws IOException when the output fails
     */
    void add(RowError error) throws IOException;

    /**
     * Finishes the file and flushes it; the output stream stays open.
     *
     * @throws IOException when the output fails
     */
    @Override
    void close() throws IOException;
}
