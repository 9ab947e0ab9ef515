package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every format shares: sheet lookup, limits per row, and the table view (header detection) over raw rows. */
abstract class AbstractSpreadsheetFile implements SpreadsheetFile {

    protected final SpreadsheetLimits limits;

    AbstractSpreadsheetFile(SpreadsheetLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean date1904() {
        return false;
    }

    @Override
    public Optional<Charset> charset() {
        return Optional.empty();
    }

    @Override
    public Optional<Character> delimiter() {
        return Optional.empty();
    }

    @Override
    public final void readRows(int sheetIndex, RowHandler handler) {
        var sheet = sheet(sheetIndex);
        var count = new long[1];
        streamRows(sheet, row -> {
            if (++count[0] > limits.maxRows()) {
                throw new SpreadsheetException(
                        Reason.TOO_MANY_ROWS,
                        "sheet '" + sheet.name() + "' has more than " + limits.maxRows() + " rows");
            }
            if (row.cells().size() > limits.maxColumns()
                    || !row.cells().isEmpty() && row.cells().getLast().column() >= limits.maxColumns()) {
                throw new SpreadsheetException(
                        Reason.TOO_MANY_COLUMNS,
                        "row " + row.rowNumber() + " has more than " + limits.maxColumns() + " columns");
            }
            return row.isBlank() || handler.onRow(row);
        });
    }

    @Override
    public final void readTable(int sheetIndex, TableHandler handler) {
        var sheet = sheet(sheetIndex);
        var head = new ArrayList<SheetRow>();
        var state = new TableState();
        readRows(sheetIndex, row -> {
            if (state.header != null) {
                state.dataRows++;
                return handler.onRow(row);
            }
            head.add(row);
            if (head.size() < limits.headerScanRows()) {
                return true;
            }
            return state.start(head, handler, sheet);
        });
        if (state.header == null) {
            if (head.isEmpty()) {
                throw new SpreadsheetException(Reason.EMPTY_SHEET, "sheet '" + sheet.name() + "' is empty");
            }
            if (!state.start(head, handler, sheet)) {
                return;
            }
        }
        if (state.dataRows == 0 && !state.stopped) {
            throw new SpreadsheetException(
                    Reason.HEADER_ONLY,
                    "sheet '" + sheet.name() + "' has a header (row " + state.header.rowNumber()
                            + ") and no data rows");
        }
    }

    /** Streams every row of a sheet, blank or not, in order, until the handler returns false. */
    protected abstract void streamRows(SheetInfo sheet, RowHandler handler);

    private SheetInfo sheet(int index) {
        var sheets = sheets();
        if (index < 0 || index >= sheets.size()) {
            throw new SpreadsheetException(
                    Reason.NO_SUCH_SHEET, "no sheet number " + (index + 1) + "; the file has " + sheets.size());
        }
        return sheets.get(index);
    }

    /** Cuts a cell text to the limit. */
    protected String clip(String text) {
        return text.length() > limits.maxCellChars() ? text.substring(0, limits.maxCellChars()) : text;
    }

    private static final class TableState {
        HeaderRow header;
        long dataRows;
        boolean stopped;

        /** Detects the header in the buffered rows and replays the rows below it; false when the handler stopped. */
        boolean start(List<SheetRow> head, TableHandler handler, SheetInfo sheet) {
            header = HeaderDetector.detect(head)
                    .orElseThrow(() -> new SpreadsheetException(
                            Reason.NO_HEADER,
                            "sheet '" + sheet.name() + "': no header row (a row of column titles) in its first "
                                    + head.size() + " rows"));
            if (header.names().stream().anyMatch(Mojibake::looksGarbled)) {
                throw new SpreadsheetException(
                        Reason.MOJIBAKE,
                        "sheet '" + sheet.name() + "': the header row " + header.rowNumber()
                                + " is garbled by a wrong encoding: " + String.join(" | ", header.names()));
            }
            handler.onHeader(header);
            for (var row : head) {
                if (row.rowNumber() > header.rowNumber()) {
                    dataRows++;
                    if (!handler.onRow(row)) {
                        stopped = true;
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
