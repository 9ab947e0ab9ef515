package io.polyclinic.spreadsheet;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * An opened, already-vetted spreadsheet file. Opening checks size, format, encryption, zip bomb and XML entity
 * defenses and lists the sheets; reading streams one sheet's rows. Not thread-safe; close it when done.
 */
public interface SpreadsheetFile extends AutoCloseable {

    /** The format detected from the content. */
    SpreadsheetFormat format();

    /** Every sheet, in workbook order (one for CSV). */
    List<SheetInfo> sheets();

    /** Whether the workbook uses the 1904 date system (Excel for Mac before 2011); false for CSV and most files. */
    boolean date1904();

    /** The detected text encoding of a CSV file (UTF-8 or windows-1251); empty for workbooks. */
    Optional<Charset> charset();

    /** The detected delimiter of a CSV file ({@code ,} {@code ;} or tab); empty for workbooks. */
    Optional<Character> delimiter();

    /**
     * Streams the non-blank rows of one sheet to a handler, one at a time, in order.
     *
     * @param sheetIndex zero-based sheet index from {@link #sheets()}
     * @param handler receives rows; returning false stops the read early
     * @throws SpreadsheetException NO_SUCH_SHEET, CORRUPT, TOO_MANY_ROWS, TOO_MANY_COLUMNS, MOJIBAKE, IO_ERROR
     */
    void readRows(int sheetIndex, RowHandler handler);

    /**
     * Streams one sheet as a table: finds the header among the first {@link SpreadsheetLimits#headerScanRows()} rows
     * (see {@link HeaderDetector}), gives it to the handler, then each row below it.
     *
     * @param sheetIndex zero-based sheet index
     * @param handler receives the header, then the data rows
     * @throws SpreadsheetException EMPTY_SHEET, NO_HEADER, HEADER_ONLY, and those of {@link #readRows}
     */
    void readTable(int sheetIndex, TableHandler handler);

    /** Releases the file handles; never throws. */
    @Override
    void close();
}
