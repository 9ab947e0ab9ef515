package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * .xlsx through fastexcel-reader: rows are parsed from the sheet's XML stream one at a time (StAX), shared strings
 * are read as far as needed. The package is vetted first by {@link ZipVetting}. A date is a number whose cell format
 * is a date format (POI's {@code DateUtil.isADateFormat} rule, through {@link DateFormatCache}), converted with the
 * workbook's date system.
 */
final class XlsxFile extends AbstractSpreadsheetFile {

    private final ReadableWorkbook workbook;
    private final List<SheetInfo> sheets;
    private final List<org.dhatim.fastexcel.reader.Sheet> raw;
    private final boolean date1904;
    private final DateFormatCache dateFormats = new DateFormatCache();

    private XlsxFile(SpreadsheetLimits limits, ReadableWorkbook workbook) {
        super(limits);
        this.workbook = workbook;
        this.raw = workbook.getSheets().toList();
        this.sheets = raw.stream()
                .map(s -> new SheetInfo(s.getIndex(), s.getName(), s.getVisibility() != SheetVisibility.VISIBLE))
                .toList();
        this.date1904 = workbook.isDate1904();
    }

    static SpreadsheetFile open(Path file, SpreadsheetLimits limits) {
        ZipVetting.vet(file, limits);
        try {
            return new XlsxFile(limits, new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false)));
        } catch (IOException | RuntimeException e) {
            throw new SpreadsheetException(Reason.CORRUPT, "the .xlsx workbook is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public SpreadsheetFormat format() {
        return SpreadsheetFormat.XLSX;
    }

    @Override
    public List<SheetInfo> sheets() {
        return sheets;
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    protected void streamRows(SheetInfo sheet, RowHandler handler) {
        try (var rows = raw.get(sheet.index()).openStream()) {
            var it = rows.iterator();
            while (it.hasNext()) {
                if (!handler.onRow(toRow(it.next()))) {
                    return;
                }
            }
        } catch (SpreadsheetException e) {
            throw e;
        } catch (IOException
                | UncheckedIOException
                | IllegalStateException
                | IllegalArgumentException
                | org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new SpreadsheetException(
                    Reason.CORRUPT, "sheet '" + sheet.name() + "' is damaged and cannot be read further", e);
        }
    }

    private SheetRow toRow(Row row) {
        var cells = new ArrayList<Cell>(row.getPhysicalCellCount());
        for (var c : row) {
            if (c == null) {
                continue;
            }
            var cell = toCell(c);
            if (cell != null) {
                cells.add(cell);
            }
        }
        return new SheetRow(row.getRowNum(), cells);
    }

    private Cell toCell(org.dhatim.fastexcel.reader.Cell c) {
        var col = c.getColumnIndex();
        String formula = c.getFormula();
        return switch (c.getType()) {
            case EMPTY -> null;
            case STRING -> Cell.text(col, clip(String.valueOf(c.getValue())));
            case BOOLEAN ->
                new Cell(
                        col,
                        CellKind.BOOLEAN,
                        String.valueOf(c.getValue()).toUpperCase(java.util.Locale.ROOT),
                        null,
                        null,
                        null);
            case ERROR -> new Cell(col, CellKind.ERROR, String.valueOf(c.getRawValue()), null, null, null);
            case NUMBER -> number(col, (BigDecimal) c.getValue(), c, null);
            case FORMULA -> formulaResult(col, c, formula);
        };
    }

    private Cell formulaResult(int col, org.dhatim.fastexcel.reader.Cell c, String formula) {
        var rawValue = c.getRawValue();
        if (rawValue == null) {
            return new Cell(col, CellKind.BLANK, "", null, null, formula);
        }
        try {
            return number(col, new BigDecimal(rawValue), c, formula);
        } catch (NumberFormatException e) {
            return new Cell(col, CellKind.TEXT, clip(rawValue), null, null, formula);
        }
    }

    private Cell number(int col, BigDecimal value, org.dhatim.fastexcel.reader.Cell c, String formula) {
        var fmtId = c.getDataFormatId();
        var fmt = c.getDataFormatString();
        if (fmtId != null && dateFormats.isDateFormat(fmtId, fmt)) {
            var dt = ExcelDates.fromSerial(value, date1904);
            if (dt != null) {
                return new Cell(col, CellKind.DATE, dt.toString(), value, dt, formula);
            }
        }
        return new Cell(col, CellKind.NUMBER, value.toPlainString(), value, null, formula);
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // Closing a read-only file cannot lose data; nothing to report to the caller.
        }
    }
}
