package io.polyclinic.spreadsheet;

/** Receives the rows of a sheet one at a time, in order; never holds the sheet in memory. */
@FunctionalInterface
public interface RowHandler {

    /**
     * Called once per non-blank row, in order.
     *
     * @param row the row
     * @return true to go on, false to stop reading (the reader then closes and returns normally)
     */
    boolean onRow(SheetRow row);
}
