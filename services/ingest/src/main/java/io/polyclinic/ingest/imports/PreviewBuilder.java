package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.Dataset;
import io.polyclinic.ingest.naming.HeaderMapping;
import io.polyclinic.ingest.naming.NamingService;
import io.polyclinic.spreadsheet.HeaderRow;
import io.polyclinic.spreadsheet.SheetRow;
import io.polyclinic.spreadsheet.SpreadsheetException;
import io.polyclinic.spreadsheet.Spreadsheets;
import io.polyclinic.spreadsheet.TableHandler;
import io.polyclinic.spreadsheet.value.CellValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds a {@link Preview}: reads the header and the first rows of one sheet, nothing more. */
@Component
class PreviewBuilder {

    private final NamingService naming;
    private final ImportSettings settings;

    PreviewBuilder(NamingService naming, ImportSettings settings) {
        this.naming = naming;
        this.settings = settings;
    }

    /**
     * @throws UnreadableFileException when the readers refuse the file or the sheet has no header or rows
     */
    Preview build(Dataset dataset, Path file, String fileName, String sheetName) {
        try (var spreadsheet = Spreadsheets.open(file, fileName, settings.limits())) {
            var sheets = spreadsheet.sheets().stream()
                    .map(s -> new Preview.SheetView(s.index(), s.name(), s.hidden()))
                    .toList();
            int sheet = 0;
            if (sheetName != null && !sheetName.isBlank()) {
                sheet = spreadsheet.sheets().stream()
                        .filter(s -> s.name().equals(sheetName))
                        .findFirst()
                        .orElseThrow(() -> new SpreadsheetException(
                                SpreadsheetException.Reason.NO_SUCH_SHEET, "The file has no sheet with that name."))
                        .index();
            }
            var values = new CellValues(settings.phoneRegion(), spreadsheet.date1904());
            var name = spreadsheet.sheets().get(sheet).name();
            var handler = new Handler(dataset, values, name);
            spreadsheet.readTable(sheet, handler);
            return new Preview(
                    dataset.name(),
                    spreadsheet.format().name(),
                    sheets,
                    name,
                    handler.header.rowNumber(),
                    handler.mapping,
                    handler.rows);
        } catch (SpreadsheetException e) {
            throw new UnreadableFileException(e);
        }
    }

    private final class Handler implements TableHandler {

        private final Dataset dataset;
        private final CellValues values;
        private final String sheet;
        private final List<Preview.PreviewRow> rows = new ArrayList<>();
        private HeaderRow header;
        private HeaderMapping mapping;
        private RowTransformer transformer;

        Handler(Dataset dataset, CellValues values, String sheet) {
            this.dataset = dataset;
            this.values = values;
            this.sheet = sheet;
        }

        @Override
        public void onHeader(HeaderRow header) {
            this.header = header;
            this.mapping = naming.map(dataset, header.names());
            this.transformer = new RowTransformer(dataset, mapping, values, sheet);
        }

        @Override
        public boolean onRow(SheetRow row) {
            var parsed = new LinkedHashMap<String, String>();
            for (int i = 0; i < header.names().size(); i++) {
                var name = header.names().get(i);
                if (!name.isBlank()) {
                    parsed.put(name, row.cell(i).text());
                }
            }
            var stored = new LinkedHashMap<String, Object>();
            var problems = new ArrayList<Preview.CellProblem>();
            for (var cell : transformer.explain(row)) {
                if (cell.problem() != null) {
                    problems.add(new Preview.CellProblem(cell.header(), cell.field(), cell.text(), cell.problem()));
                } else if (cell.value() != null) {
                    stored.put(cell.field(), cell.value().toString());
                }
            }
            rows.add(new Preview.PreviewRow(row.rowNumber(), parsed, stored, problems));
            return rows.size() < settings.previewRows();
        }
    }
}
