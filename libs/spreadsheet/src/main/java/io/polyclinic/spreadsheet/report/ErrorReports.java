package io.polyclinic.spreadsheet.report;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Error-report writers: CSV (FastCSV; UTF-8 with a BOM so Excel shows Cyrillic, CRLF lines) and .xlsx (fastexcel
 * writer, inline strings, streamed in chunks). Both neutralize formula injection with {@link FormulaInjection}.
 */
public final class ErrorReports {

    /** The sheet name of the .xlsx report. */
    public static final String SHEET_NAME = "errors";

    private static final int XLSX_FLUSH_ROWS = 1_000;

    private ErrorReports() {}

    /**
     * Starts a CSV report on a stream.
     *
     * @param out where the bytes go; not closed by the report
     * @return the report; close it to flush
     * @throws IOException when the stream fails
     */
    public static ErrorReport csv(OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var writer = CsvWriter.builder()
                .lineDelimiter(LineDelimiter.CRLF)
                .build(new NonClosing(out), StandardCharsets.UTF_8);
        writer.writeRecord(ErrorReport.COLUMNS);
        return new ErrorReport() {
            @Override
            public void add(RowError e) {
                writer.writeRecord(
                        FormulaInjection.neutralize(e.sheet()),
                        Long.toString(e.row()),
                        FormulaInjection.neutralize(e.column()),
                        FormulaInjection.neutralize(e.value()),
                        FormulaInjection.neutralize(e.reason()));
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    /**
     * Starts an .xlsx report on a stream: one sheet named {@value #SHEET_NAME}, a header row, then one row per error
     * with the row number as a number and everything else as inline text.
     *
     * @param out where the bytes go; not closed by the report
     * @return the report; close it to write the package's end
     * @throws IOException when the stream fails
     */
    public static ErrorReport xlsx(OutputStream out) throws IOException {
        var workbook = new Workbook(new NonClosing(out), "Polyclinic", "1.0");
        var sheet = workbook.newWorksheet(SHEET_NAME);
        for (var c = 0; c < ErrorReport.COLUMNS.size(); c++) {
            sheet.inlineString(0, c, ErrorReport.COLUMNS.get(c));
        }
        return new XlsxReport(workbook, sheet);
    }

    private static final class XlsxReport implements ErrorReport {
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row = 1;

        XlsxReport(Workbook workbook, Worksheet sheet) {
            this.workbook = workbook;
            this.sheet = sheet;
        }

        @Override
        public void add(RowError e) throws IOException {
            sheet.inlineString(row, 0, FormulaInjection.neutralize(e.sheet()));
            sheet.value(row, 1, e.row());
            sheet.inlineString(row, 2, FormulaInjection.neutralize(e.column()));
            sheet.inlineString(row, 3, FormulaInjection.neutralize(e.value()));
            sheet.inlineString(row, 4, FormulaInjection.neutralize(e.reason()));
            row++;
            if (row % XLSX_FLUSH_ROWS == 0) {
                sheet.flush();
            }
        }

        @Override
        public void close() throws IOException {
            sheet.finish();
            workbook.finish();
        }
    }

    /** Keeps the caller's stream open when a writer closes its own. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
