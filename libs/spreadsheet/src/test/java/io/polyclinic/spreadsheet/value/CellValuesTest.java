package io.polyclinic.spreadsheet.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.spreadsheet.Cell;
import io.polyclinic.spreadsheet.CellKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellValuesTest {

    private final CellValues values = new CellValues("RU", false);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1234,5|1234.5",
                "1234.5|1234.5",
                "1 234 567,89|1234567.89",
                "1\u00a0234\u00a0567,89|1234567.89",
                "1,234,567.89|1234567.89",
                "1.234.567,89|1234567.89",
                "1,234,567|1234567",
                "-12|-12",
                "  42  |42",
                "150 000 ₽|150000",
                "99,9 руб.|99.9",
                "1e3|1000"
            })
    void numbersWithEitherDecimalSeparatorAndSpacedThousands(String text, String expected) {
        assertThat(values.decimal(Cell.text(0, text)).orNull()).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"12,3,4", "abc", "1.2.3,4,5", "--1", "12 345,6.7"})
    void malformedNumbersAreProblemsNotExceptions(String text) {
        assertThat(values.decimal(Cell.text(0, text))).isInstanceOf(ParseResult.Problem.class);
    }

    @Test
    void wholeNumbersRefuseFractions() {
        assertThat(values.integer(Cell.text(0, "12,0")).orNull()).isEqualTo(12L);
        assertThat(values.integer(Cell.text(0, "12,5"))).isInstanceOf(ParseResult.Problem.class);
        assertThat(values.integer(Cell.text(0, ""))).isInstanceOf(ParseResult.Blank.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "05.03.2025|2025-03-05", "5.3.2025|2025-03-05", "2025-03-05|2025-03-05", "05/03/2025|2025-03-05",
                "05-03-2025|2025-03-05", "05.03.25|2025-03-05", "45721|2025-03-05", "2025-03-05 14:30|2025-03-05",
                "05.03.2025 09:15:00|2025-03-05"
            })
    void datesInTheCommonFormatsAndAsSerials(String text, String expected) {
        assertThat(values.date(Cell.text(0, text)).orNull()).isEqualTo(LocalDate.parse(expected));
    }

    @Test
    void impossibleDatesAreProblems() {
        assertThat(values.date(Cell.text(0, "31.02.2025")))
                .isInstanceOfSatisfying(
                        ParseResult.Problem.class, p -> assertThat(p.reason()).contains("no such date"));
        assertThat(values.date(Cell.text(0, "next week"))).isInstanceOf(ParseResult.Problem.class);
    }

    @Test
    void excelSerialsFollowBothDateSystems() {
        assertThat(ExcelDates.fromSerial(new BigDecimal("1"), false)).isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0));
        assertThat(ExcelDates.fromSerial(new BigDecimal("59"), false)).isEqualTo(LocalDateTime.of(1900, 2, 28, 0, 0));
        assertThat(ExcelDates.fromSerial(new BigDecimal("60"), false)).isNull();
        assertThat(ExcelDates.fromSerial(new BigDecimal("61"), false)).isEqualTo(LocalDateTime.of(1900, 3, 1, 0, 0));
        assertThat(ExcelDates.fromSerial(new BigDecimal("45658.75"), false))
                .isEqualTo(LocalDateTime.of(2025, 1, 1, 18, 0));
        assertThat(ExcelDates.fromSerial(new BigDecimal("0"), true)).isEqualTo(LocalDateTime.of(1904, 1, 1, 0, 0));
        assertThat(ExcelDates.fromSerial(new BigDecimal("44196"), true)).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
        assertThat(new CellValues("RU", true).date(Cell.text(0, "44196")).orNull())
                .isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(ExcelDates.toSerial(LocalDate.of(2025, 1, 1), false)).isEqualTo(45658);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-01|2025-01",
                "01.2025|2025-01",
                "1/2025|2025-01",
                "январь 2025|2025-01",
                "Янв. 2025|2025-01",
                "March 2025|2025-03",
                "мая 2025 г.|2025-05",
                "15.07.2025|2025-07"
            })
    void monthsAsTextOrDates(String text, String expected) {
        assertThat(values.month(Cell.text(0, text)).orNull()).isEqualTo(YearMonth.parse(expected));
    }

    @Test
    void aDateCellGivesItsMonth() {
        var cell = new Cell(
                0,
                CellKind.DATE,
                "2025-02-01T00:00",
                new BigDecimal("45689"),
                LocalDateTime.of(2025, 2, 1, 0, 0),
                null);
        assertThat(values.month(cell).orNull()).isEqualTo(YearMonth.of(2025, 2));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+7 916 123-45-67|+79161234567",
                "8 (916) 123-45-67|+79161234567",
                "9161234567|+79161234567",
                "+44 20 7946 0958|+442079460958"
            })
    void phonesBecomeE164(String text, String expected) {
        assertThat(values.phone(Cell.text(0, text)).orNull()).isEqualTo(expected);
    }

    @Test
    void aPhoneTypedAsANumberAndBadPhones() {
        var numeric = new Cell(0, CellKind.NUMBER, "79161234567", new BigDecimal("79161234567"), null, null);
        assertThat(values.phone(numeric).orNull()).isEqualTo("+79161234567");
        assertThat(values.phone(Cell.text(0, "12"))).isInstanceOf(ParseResult.Problem.class);
        assertThat(values.phone(Cell.text(0, "call me"))).isInstanceOf(ParseResult.Problem.class);
    }

    @Test
    void textIsTrimmedOfOrdinaryAndNonBreakingSpaces() {
        assertThat(values.text(Cell.text(0, "\u00a0 Иванов  \t")).orNull()).isEqualTo("Иванов");
        assertThat(values.text(Cell.text(0, " \u00a0 "))).isInstanceOf(ParseResult.Blank.class);
        assertThat(values.text(Cell.text(0, "=1+1")).orNull()).isEqualTo("=1+1");
    }
}
