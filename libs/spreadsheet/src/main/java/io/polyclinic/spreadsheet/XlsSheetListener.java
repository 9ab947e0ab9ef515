package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.value.ExcelDates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.eventusermodel.AbortableHSSFListener;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * Turns the BIFF records of one sheet into rows. Cells of a row are contiguous in BIFF8 and rows ascend, so a row is
 * complete when a cell of another row (or the sheet's end) arrives. Excel keeps 15 significant digits, so numbers are
 * rounded to 15 digits to drop binary noise ({@code 0.1 + 0.2}).
 */
final class XlsSheetListener extends AbortableHSSFListener {

    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    private final XlsFile file;
    private final int target;
    private final RowHandler handler;
    private SSTRecord sst;
    private int depth;
    private int sheetIndex = -1;
    private int currentRow = -1;
    private List<Cell> cells = new ArrayList<>();
    private FormulaRecord pendingFormula;
    private boolean stopped;

    XlsSheetListener(XlsFile file, int target, RowHandler handler) {
        this.file = file;
        this.target = target;
        this.handler = handler;
    }

    @Override
    public short abortableProcessRecord(Record r) {
        if (r instanceof BOFRecord bof) {
            if (depth++ == 0 && bof.getType() != BOFRecord.TYPE_WORKBOOK) {
                sheetIndex++;
            }
            return 0;
        }
        if (r instanceof EOFRecord) {
            depth--;
            if (depth == 0 && sheetIndex == target) {
                flush();
                return 1;
            }
            return 0;
        }
        if (r instanceof SSTRecord s) {
            sst = s;
            return 0;
        }
        if (sheetIndex != target || depth != 1) {
            return 0;
        }
        return onCellRecord(r) ? 0 : (short) 1;
    }

    /** Delivers the last row when the stream ended without the sheet's EOF (a truncated sheet is reported before). */
    void finish() {
        if (!stopped && !cells.isEmpty()) {
            flush();
        }
    }

    private boolean onCellRecord(Record r) {
        if (r instanceof StringRecord s && pendingFormula != null) {
            var f = pendingFormula;
            pendingFormula = null;
            return add(f.getRow(), Cell.text(f.getColumn(), file.clip(s.getString())));
        }
        pendingFormula = null;
        return switch (r) {
            case LabelSSTRecord l ->
                add(
                        l.getRow(),
                        Cell.text(
                                l.getColumn(),
                                file.clip(
                                        sst == null
                                                ? ""
                                                : sst.getString(l.getSSTIndex()).getString())));
            case LabelRecord l -> add(l.getRow(), Cell.text(l.getColumn(), file.clip(l.getValue())));
            case NumberRecord n -> add(n.getRow(), number(n, n.getValue()));
            case RKRecord rk -> add(rk.getRow(), number(rk, rk.getRKNumber()));
            case MulRKRecord m -> mulRk(m);
            case BoolErrRecord b ->
                add(
                        b.getRow(),
                        b.isBoolean()
                                ? new Cell(
                                        b.getColumn(),
                                        CellKind.BOOLEAN,
                                        b.getBooleanValue() ? "TRUE" : "FALSE",
                                        null,
                                        null,
                                        null)
                                : new Cell(
                                        b.getColumn(),
                                        CellKind.ERROR,
                                        FormulaError.forInt(b.getErrorValue()).getString(),
                                        null,
                                        null,
                                        null));
            case FormulaRecord f -> formula(f);
            default -> true;
        };
    }

    private boolean formula(FormulaRecord f) {
        var type = f.getCachedResultTypeEnum();
        if (type == CellType.STRING) {
            pendingFormula = f;
            return true;
        }
        if (type == CellType.NUMERIC) {
            return add(f.getRow(), number(f, f.getValue()));
        }
        if (type == CellType.BOOLEAN) {
            return add(
                    f.getRow(),
                    new Cell(
                            f.getColumn(),
                            CellKind.BOOLEAN,
                            f.getCachedBooleanValue() ? "TRUE" : "FALSE",
                            null,
                            null,
                            null));
        }
        return true;
    }

    private boolean mulRk(MulRKRecord m) {
        for (var i = 0; i < m.getNumColumns(); i++) {
            var col = m.getFirstColumn() + i;
            if (!add(m.getRow(), number(col, m.getXFAt(i), m.getRKNumberAt(i)))) {
                return false;
            }
        }
        return true;
    }

    private Cell number(CellValueRecordInterface rec, double value) {
        return number(rec.getColumn(), rec.getXFIndex(), value);
    }

    private Cell number(int col, int xf, double value) {
        var n = Double.isFinite(value) ? new BigDecimal(value, EXCEL_DIGITS).stripTrailingZeros() : BigDecimal.ZERO;
        if (n.scale() < 0) {
            n = n.setScale(0);
        }
        if (file.isDateFormat(xf)) {
            var dt = ExcelDates.fromSerial(n, file.date1904());
            if (dt != null) {
                return new Cell(col, CellKind.DATE, dt.toString(), n, dt, null);
            }
        }
        return new Cell(col, CellKind.NUMBER, n.toPlainString(), n, null, null);
    }

    private boolean add(int row, Cell cell) {
        if (row != currentRow && !cells.isEmpty() && !flush()) {
            return false;
        }
        currentRow = row;
        cells.add(cell);
        return true;
    }

    /** Hands the collected row over; false when the handler stopped. */
    private boolean flush() {
        if (cells.isEmpty()) {
            return true;
        }
        var row = new SheetRow(currentRow + 1L, cells);
        cells = new ArrayList<>();
        if (!handler.onRow(row)) {
            stopped = true;
            return false;
        }
        return true;
    }
}
