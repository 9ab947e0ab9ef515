package io.polyclinic.spreadsheet;

/**
 * Receives a sheet as a table: its detected header once, then each data row under it, in order. Rows above the header
 * (titles, notes) are skipped.
 */
public interface TableHandler {

    /**
     * Called once, before any data row.
     *
     * @param header the detected header
     */
    void onHeader(HeaderRow header);

    /**
     * Called once per non-blank row below the header.
     *
     * @param row the data row
     * @return true to go on, false to stop reading
     */
    boolean onRow(SheetRow row);
}
