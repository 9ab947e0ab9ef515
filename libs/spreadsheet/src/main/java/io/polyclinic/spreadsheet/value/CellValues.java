package io.polyclinic.spreadsheet.value;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.polyclinic.spreadsheet.Cell;
import io.polyclinic.spreadsheet.CellKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Parses cells into typed values the way a person typed them in Excel or LibreOffice, in Russian or English usage.
 * Every method returns a {@link ParseResult} and never throws: a value, a blank, or a problem with a reason.
 *
 * <ul>
 *   <li>Text: trimmed, non-breaking spaces included.
 *   <li>Numbers: {@code ,} or {@code .} decimals; spaces, non-breaking spaces and apostrophes as thousands separators;
 *       when both {@code ,} and {@code .} occur the last one is the decimal separator; a single {@code ,} is a decimal
 *       comma (Russian usage), repeated ones are thousands separators; a trailing {@code ₽}, {@code руб.} or
 *       {@code р.} is dropped.
 *   <li>Dates: date cells, Excel serial numbers (1900 or 1904 system), and text in {@code dd.MM.yyyy},
 *       {@code yyyy-MM-dd}, {@code dd/MM/yyyy}, {@code dd-MM-yyyy}, {@code dd.MM.yy}, optionally followed by a time.
 *   <li>Months: any date (its month), {@code yyyy-MM}, {@code MM.yyyy}, {@code MM/yyyy}, or a Russian or English month
 *       name and a year ({@code январь 2025}, {@code Jan 2025}).
 *   <li>Phones: libphonenumber, numbers without a country code read in the default region; stored as E.164.
 * </ul>
 */
public final class CellValues {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_NUMBER_CHARS = 64;

    private final String defaultRegion;
    private final boolean date1904;

    /**
     * @param defaultRegion ISO 3166 region for phones without a country code, e.g. {@code RU}
     * @param date1904 whether plain numbers given as dates are serials of the 1904 system (the workbook's setting)
     */
    public CellValues(String defaultRegion, boolean date1904) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        this.date1904 = date1904;
    }

    /** The trimmed text of any cell; blank when empty after trimming. */
    public ParseResult<String> text(Cell cell) {
        var t = trim(cell.text());
        return t.isEmpty() ? ParseResult.blank() : ParseResult.of(t);
    }

    /** A decimal number. */
    public ParseResult<BigDecimal> decimal(Cell cell) {
        return switch (cell.kind()) {
            case BLANK -> ParseResult.blank();
            case NUMBER -> ParseResult.of(cell.number());
            case DATE -> ParseResult.problem("a date, not a number: " + cell.text());
            case BOOLEAN, ERROR -> ParseResult.problem("not a number: " + cell.text());
            case TEXT -> Numbers.parse(trim(cell.text()), MAX_NUMBER_CHARS);
        };
    }

    /** A whole number (a decimal with no fraction, within the range of a long). */
    public ParseResult<Long> integer(Cell cell) {
        var d = decimal(cell);
        if (!(d instanceof ParseResult.Value<BigDecimal>(var v))) {
            return d instanceof ParseResult.Problem<BigDecimal>(var reason)
                    ? ParseResult.problem(reason)
                    : ParseResult.blank();
        }
        try {
            return ParseResult.of(v.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            return ParseResult.problem("not a whole number: " + cell.text());
        }
    }

    /** A calendar date (a time of day, if any, is dropped). */
    public ParseResult<LocalDate> date(Cell cell) {
        var dt = dateTime(cell);
        return switch (dt) {
            case ParseResult.Value<LocalDateTime>(var v) -> ParseResult.of(v.toLocalDate());
            case ParseResult.Blank<LocalDateTime> b -> ParseResult.blank();
            case ParseResult.Problem<LocalDateTime>(var reason) -> ParseResult.problem(reason);
        };
    }

    /** A local date and time; a date without a time is at midnight. */
    public ParseResult<LocalDateTime> dateTime(Cell cell) {
        return switch (cell.kind()) {
            case BLANK -> ParseResult.blank();
            case DATE ->
                cell.dateTime() != null
                        ? ParseResult.of(cell.dateTime())
                        : ParseResult.problem("not a valid Excel date: " + cell.text());
            case NUMBER -> fromSerial(cell.number(), cell.text());
            case BOOLEAN, ERROR -> ParseResult.problem("not a date: " + cell.text());
            case TEXT -> Dates.parse(trim(cell.text()), date1904);
        };
    }

    /** A month (a date's month, or a month written as text). */
    public ParseResult<YearMonth> month(Cell cell) {
        if (cell.kind() == CellKind.TEXT) {
            var m = Dates.parseMonth(trim(cell.text()));
            if (m != null) {
                return ParseResult.of(m);
            }
        }
        return switch (dateTime(cell)) {
            case ParseResult.Value<LocalDateTime>(var v) -> ParseResult.of(YearMonth.from(v));
            case ParseResult.Blank<LocalDateTime> b -> ParseResult.blank();
            case ParseResult.Problem<LocalDateTime> p -> ParseResult.problem("not a month: " + cell.text());
        };
    }

    /** A phone number in E.164 ({@code +79161234567}). */
    public ParseResult<String> phone(Cell cell) {
        var raw = cell.kind() == CellKind.NUMBER ? cell.number().toPlainString() : trim(cell.text());
        if (raw.isEmpty()) {
            return ParseResult.blank();
        }
        if (raw.length() > MAX_NUMBER_CHARS) {
            return ParseResult.problem("not a phone number: too long");
        }
        try {
            var number = PHONES.parse(raw, defaultRegion);
            if (!PHONES.isValidNumber(number)) {
                return ParseResult.problem("not a valid phone number: " + raw);
            }
            return ParseResult.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return ParseResult.problem("not a phone number: " + raw);
        }
    }

    private ParseResult<LocalDateTime> fromSerial(BigDecimal serial, String text) {
        var dt = ExcelDates.fromSerial(serial, date1904);
        return dt == null ? ParseResult.problem("not a date: " + text) : ParseResult.of(dt);
    }

    /** Strips whitespace including non-breaking and narrow no-break spaces at both ends. */
    static String trim(String s) {
        var start = 0;
        var end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isSpace(char ch) {
        return Character.isWhitespace(ch) || ch == '\u00a0' || ch == '\u202f' || ch == '\u2007' || ch == '\ufeff';
    }
}
