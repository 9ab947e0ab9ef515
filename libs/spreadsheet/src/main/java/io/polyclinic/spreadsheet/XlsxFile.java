package io.polyclinic.spreadsheet;

import java.nio.file.Path;
import java.util.List;

/** Reader stub; filled in after the API commit. */
final class XlsxFile extends AbstractSpreadsheetFile {

    private XlsxFile(SpreadsheetLimits limits) {
        super(limits);
    }

    static SpreadsheetFile open(Path file, SpreadsheetLimits limits) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SpreadsheetFormat format() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<SheetInfo> sheets() {
        return List.of();
    }

    @Override
    protected void streamRows(SheetInfo sheet, RowHandler handler) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {}
}
