package io.polyclinic.spreadsheet.report;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.polyclinic.spreadsheet.SheetRow;
import io.polyclinic.spreadsheet.Spreadsheets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes both reports with formula-like values and reads the files back as a spreadsheet program would. */
class ErrorReportsTest {

    private static final List<RowError> ERRORS = List.of(
            new RowError("Лист1", 5, "Врач", "=HYPERLINK(\"http://evil.example/\",\"click\")", "unknown doctor"),
            new RowError("Лист1", 6, "Телефон", "+7 abc", "not a phone number: +7 abc"),
            new RowError("Лист1", 7, "Выручка", "-1", "@must be >= 0"),
            new RowError("Лист1", 8, "Клиника", "<script>alert(1)</script>", "unknown clinic"));

    @TempDir
    Path dir;

    @Test
    void csvReportNeutralizesFormulasAndKeepsCyrillic() throws Exception {
        var file = dir.resolve("errors.csv");
        try (var out = Files.newOutputStream(file);
                var report = ErrorReports.csv(out)) {
            for (var e : ERRORS) {
                report.add(e);
            }
        }
        var bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<CsvRecord> records;
        try (var reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            records = reader.stream().toList();
        }
        assertThat(records.getFirst().getFields()).containsExactly("\uFEFFsheet", "row", "column", "value", "reason");
        assertThat(records.get(1).getFields())
                .containsExactly(
                        "Лист1", "5", "Врач", "'=HYPERLINK(\"http://evil.example/\",\"click\")", "unknown doctor");
        assertThat(records.get(2).getField(3)).isEqualTo("'+7 abc");
        assertThat(records.get(3).getField(3)).isEqualTo("'-1");
        assertThat(records.get(3).getField(4)).isEqualTo("'@must be >= 0");
        assertThat(records.get(4).getField(3)).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void xlsxReportNeutralizesFormulasAndHasNoFormulaCells() throws Exception {
        var file = dir.resolve("errors.xlsx");
        try (var out = Files.newOutputStream(file);
                var report = ErrorReports.xlsx(out)) {
            for (var e : ERRORS) {
                report.add(e);
            }
        }
        var rows = new ArrayList<SheetRow>();
        try (var read = Spreadsheets.open(file, "errors.xlsx")) {
            assertThat(read.sheets().getFirst().name()).isEqualTo(ErrorReports.SHEET_NAME);
            read.readRows(0, rows::add);
        }
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst().cell(3).text()).isEqualTo("value");
        assertThat(rows.get(1).cell(1).number()).isEqualByComparingTo("5");
        assertThat(rows.get(1).cell(3).text()).isEqualTo("'=HYPERLINK(\"http://evil.example/\",\"click\")");
        assertThat(rows.get(1).cell(3).formula()).isNull();
        assertThat(rows.get(2).cell(3).text()).isEqualTo("'+7 abc");
        assertThat(rows.get(3).cell(4).text()).isEqualTo("'@must be >= 0");
        assertThat(rows.stream().flatMap(r -> r.cells().stream())).allMatch(c -> c.formula() == null);
    }

    @Test
    void neutralizeLeavesOrdinaryValuesAlone() {
        assertThat(FormulaInjection.neutralize("Иванов")).isEqualTo("Иванов");
        assertThat(FormulaInjection.neutralize("12-5")).isEqualTo("12-5");
        assertThat(FormulaInjection.neutralize(null)).isEmpty();
        assertThat(FormulaInjection.neutralize("\t=1")).isEqualTo("'\t=1");
    }
}
