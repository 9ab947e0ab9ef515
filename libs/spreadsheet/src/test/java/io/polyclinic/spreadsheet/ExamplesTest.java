package io.polyclinic.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.spreadsheet.value.CellValues;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example spreadsheets a user is told to try (docs/examples) stay readable, header and rows as documented. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("../../docs/examples");

    @ParameterizedTest
    @CsvSource({
        "clinic_visits-clean.xlsx,1,9,Month", "clinic_visits-messy.xls,4,6,МЕСЯЦ",
        "clinic_visits-messy-1251.csv,4,6,МЕСЯЦ", "clinic_visits-errors.xlsx,1,9,Месяц",
        "doctors-clean.xlsx,1,3,Табельный номер", "doctors-errors.csv,1,6,Табельный номер"
    })
    void everyExampleHasItsHeaderAndRows(String name, long headerRow, int rows, String firstHeader) {
        try (var file = Spreadsheets.open(EXAMPLES.resolve(name), name)) {
            var table = ReadersTest.readTable(file, 0);
            assertThat(table.header.rowNumber()).isEqualTo(headerRow);
            assertThat(table.header.names().getFirst()).isEqualTo(firstHeader);
            assertThat(table.rows).hasSize(rows);
        }
    }

    @ParameterizedTest
    @CsvSource({"clinic_visits-messy.xls", "clinic_visits-messy-1251.csv"})
    void theMessyMonthsAndAmountsAllParse(String name) {
        try (var file = Spreadsheets.open(EXAMPLES.resolve(name), name)) {
            var values = new CellValues("RU", file.date1904());
            var rows = ReadersTest.readTable(file, 0).rows;
            assertThat(rows).allSatisfy(row -> {
                assertThat(values.month(row.cell(0)).orNull()).isNotNull();
                assertThat(values.decimal(row.cell(5)).orNull()).isNotNull();
            });
            assertThat(values.month(rows.getFirst().cell(0)).orNull()).isEqualTo(YearMonth.of(2025, 1));
            assertThat(values.month(rows.getLast().cell(0)).orNull()).isEqualTo(YearMonth.of(2025, 3));
        }
    }
}
