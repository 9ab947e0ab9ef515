package io.polyclinic.spreadsheet;

import java.util.List;

/**
 * The row detected as a sheet's header.
 *
 * @param rowNumber its 1-based row number
 * @param names one entry per column from A to the last named column, trimmed; a blank header cell (or the
 *     second and later columns of a merged one) is {@code ""}
 * @param cells the header's cells as read
 */
public record HeaderRow(long rowNumber, List<String> names, List<Cell> cells) {

    /** Copies the lists. */
    public HeaderRow {
        names = List.copyOf(names);
        cells = List.copyOf(cells);
    }

    /** The number of columns the header covers. */
    public int width() {
        return names.size();
    }
}
