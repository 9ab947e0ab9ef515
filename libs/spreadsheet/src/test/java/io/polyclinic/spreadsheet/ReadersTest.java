package io.polyclinic.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.spreadsheet.value.CellValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the LibreOffice-made fixtures in every format and checks what a user typed comes out. */
class ReadersTest {

    private static final List<String> HEADER = List.of("Месяц", "Клиника", "Отделение", "Врач", "Посещений", "Выручка");

    @ParameterizedTest
    @CsvSource({"visits.xlsx,XLSX", "visits.xls,XLS", "visits-1251-semicolon.csv,CSV", "visits-utf8-bom-tab.csv,CSV"})
    void everyFormatFindsTheHeaderBelowTheTitleAndReadsTheSameValues(String name, SpreadsheetFormat format) {
        try (var file = Spreadsheets.open(Fixtures.path(name), name)) {
            assertThat(file.format()).isEqualTo(format);
            var table = readTable(file, 0);
            assertThat(table.header.rowNumber()).isEqualTo(4);
            assertThat(table.header.names()).isEqualTo(HEADER);
            assertThat(table.rows).hasSize(4);
            var values = new CellValues("RU", file.date1904());
            var first = table.rows.getFirst();
            assertThat(first.rowNumber()).isEqualTo(5);
            assertThat(values.date(first.cell(0)).orNull()).isEqualTo(LocalDate.of(2025, 1, 1));
            assertThat(values.text(first.cell(3)).orNull()).isEqualTo("Иванов Иван Иванович");
            assertThat(values.integer(first.cell(4)).orNull()).isEqualTo(120L);
            assertThat(values.decimal(first.cell(5)).orNull()).isEqualByComparingTo(new BigDecimal("150000.5"));
            var last = table.rows.getLast();
            assertThat(values.text(last.cell(3)).orNull()).isEqualTo("Ёлкина Мария, к.м.н.");
            assertThat(values.decimal(last.cell(5)).orNull()).isEqualByComparingTo(new BigDecimal("99999.99"));
        }
    }

    @Test
    void csvEncodingAndDelimiterAreDetected() {
        try (var cp1251 = Spreadsheets.open(Fixtures.path("visits-1251-semicolon.csv"), "visits.csv");
                var bomTab = Spreadsheets.open(Fixtures.path("visits-utf8-bom-tab.csv"), "visits.csv")) {
            assertThat(cp1251.charset()).contains(java.nio.charset.Charset.forName("windows-1251"));
            assertThat(cp1251.delimiter()).contains(';');
            assertThat(bomTab.charset()).contains(StandardCharsets.UTF_8);
            assertThat(bomTab.delimiter()).contains('\t');
        }
    }

    @Test
    void xlsxDatesAreDateCellsAndThe1904SystemShiftsThem() {
        try (var file1900 = Spreadsheets.open(Fixtures.path("visits.xlsx"), "visits.xlsx");
                var file1904 = Spreadsheets.open(Fixtures.path("visits-1904.xlsx"), "visits.xlsx")) {
            var cell1900 = readTable(file1900, 0).rows.getFirst().cell(0);
            var cell1904 = readTable(file1904, 0).rows.getFirst().cell(0);
            assertThat(cell1900.kind()).isEqualTo(CellKind.DATE);
            assertThat(file1900.date1904()).isFalse();
            assertThat(file1904.date1904()).isTrue();
            assertThat(cell1904.number()).isEqualByComparingTo(cell1900.number());
            assertThat(cell1904.dateTime().toLocalDate())
                    .isEqualTo(LocalDate.of(2025, 1, 1).plusDays(1462));
        }
    }

    @Test
    void xlsDatesAreDateCells() {
        try (var file = Spreadsheets.open(Fixtures.path("visits.xls"), "visits.xls")) {
            assertThat(file.sheets()).extracting(SheetInfo::name).containsExactly("visits");
            var cell = readTable(file, 0).rows.getFirst().cell(0);
            assertThat(cell.kind()).isEqualTo(CellKind.DATE);
            assertThat(cell.dateTime().toLocalDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        }
    }

    @Test
    void formulaLikeTextStaysTextAndARealFormulaKeepsItsFormula() {
        try (var xlsx = Spreadsheets.open(Fixtures.path("formulas.xlsx"), "formulas.xlsx");
                var csv = Spreadsheets.open(Fixtures.path("src/formulas.csv"), "formulas.csv")) {
            var x = readTable(xlsx, 0).rows;
            assertThat(x.get(0).cell(2).formula()).isEqualTo("HYPERLINK(\"http://evil.example/\",\"click\")");
            assertThat(x.get(0).cell(2).text()).isEqualTo("click");
            assertThat(x.get(1).cell(2).kind()).isEqualTo(CellKind.TEXT);
            assertThat(x.get(1).cell(2).text()).isEqualTo("@SUM(A1:A2)");
            assertThat(x.get(2).cell(2).text()).isEqualTo("-5+3");
            var c = readTable(csv, 0).rows;
            assertThat(c.get(0).cell(2).text()).isEqualTo("=HYPERLINK(\"http://evil.example/\",\"click\")");
            assertThat(c.get(0).cell(2).kind()).isEqualTo(CellKind.TEXT);
            var values = new CellValues("RU", false);
            assertThat(values.phone(c.get(0).cell(1)).orNull()).isEqualTo("+79161234567");
            assertThat(values.phone(c.get(1).cell(1)).orNull()).isEqualTo("+74951234567");
        }
    }

    @Test
    void aHandlerCanStopEarly() {
        try (var file = Spreadsheets.open(Fixtures.path("visits.xlsx"), "visits.xlsx")) {
            var seen = new ArrayList<Long>();
            file.readRows(0, row -> {
                seen.add(row.rowNumber());
                return seen.size() < 2;
            });
            assertThat(seen).containsExactly(1L, 2L);
        }
    }

    static Table readTable(SpreadsheetFile file, int sheet) {
        var table = new Table();
        file.readTable(sheet, new TableHandler() {
            @Override
            public void onHeader(HeaderRow header) {
                table.header = header;
            }

            @Override
            public boolean onRow(SheetRow row) {
                table.rows.add(row);
                return true;
            }
        });
        return table;
    }

    static final class Table {
        HeaderRow header;
        final List<SheetRow> rows = new ArrayList<>();
    }
}
