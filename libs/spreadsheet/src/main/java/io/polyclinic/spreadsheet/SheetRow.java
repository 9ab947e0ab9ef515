package io.polyclinic.spreadsheet;

import java.util.List;

/**
 * One row of a sheet, delivered by a reader. Only non-blank cells are guaranteed to be present; use {@link #cell(int)}
 * to get a column whether or not it was stored.
 *
 * @param rowNumber the row's number as the user sees it: 1-based, as in Excel's row headings (for CSV the record's
 *     1-based position, a quoted multi-line field counting once)
 * @param cells the row's cells in column order, blank ones possibly omitted
 */
public record SheetRow(long rowNumber, List<Cell> cells) {

    /** Copies the cell list. */
    public SheetRow {
        cells = List.copyOf(cells);
    }

    /**
     * The cell in a column.
     *
     * @param column zero-based column index
     * @return the cell, or a blank cell when the row has none there
     */
    public Cell cell(int column) {
        for (var c : cells) {
            if (c.column() == column) {
                return c;
            }
        }
        return Cell.text(column, "");
    }

    /** Whether every cell of the row is blank. */
    public boolean isBlank() {
        return cells.stream().allMatch(Cell::isBlank);
    }

    /** One past the highest column that holds a non-blank cell (0 for a blank row). */
    public int width() {
        var max = 0;
        for (var c : cells) {
            if (!c.isBlank()) {
                max = Math.max(max, c.column() + 1);
            }
        }
        return max;
    }
}
