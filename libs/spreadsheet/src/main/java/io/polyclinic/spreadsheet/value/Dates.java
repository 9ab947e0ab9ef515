package io.polyclinic.spreadsheet.value;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Text to dates and months; the accepted forms are listed on {@link CellValues}. */
final class Dates {

    private static final Pattern DMY =
            Pattern.compile("(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern YMD =
            Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,7}([.,]\\d+)?");
    private static final Pattern YM = Pattern.compile("(\\d{4})[-./](\\d{1,2})");
    private static final Pattern MY = Pattern.compile("(\\d{1,2})[./](\\d{4})");
    private static final Pattern NAMED = Pattern.compile("(\\p{L}+)\\.?\\s+(\\d{4})(?:\\s*(?:г\\.?|года?))?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("янв", 1),
            Map.entry("фев", 2),
            Map.entry("мар", 3),
            Map.entry("апр", 4),
            Map.entry("май", 5),
            Map.entry("мая", 5),
            Map.entry("июн", 6),
            Map.entry("июл", 7),
            Map.entry("авг", 8),
            Map.entry("сен", 9),
            Map.entry("окт", 10),
            Map.entry("ноя", 11),
            Map.entry("дек", 12),
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));

    private Dates() {}

    static ParseResult<LocalDateTime> parse(String text, boolean date1904) {
        if (text.isEmpty()) {
            return ParseResult.blank();
        }
        if (text.length() > 40) {
            return ParseResult.problem("not a date: too long");
        }
        try {
            var m = DMY.matcher(text);
            if (m.matches()) {
                var year = Integer.parseInt(m.group(4));
                if (m.group(4).length() == 2) {
                    year += year < 70 ? 2000 : 1900;
                }
                var date = LocalDate.of(year, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)));
                return ParseResult.of(date.atTime(time(m.group(5), m.group(6), m.group(7))));
            }
            m = YMD.matcher(text);
            if (m.matches()) {
                var date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return ParseResult.of(date.atTime(time(m.group(4), m.group(5), m.group(6))));
            }
        } catch (DateTimeException e) {
            return ParseResult.problem("no such date: " + text);
        }
        if (SERIAL.matcher(text).matches()) {
            var dt = ExcelDates.fromSerial(new BigDecimal(text.replace(',', '.')), date1904);
            if (dt != null) {
                return ParseResult.of(dt);
            }
        }
        return ParseResult.problem("not a date (expected dd.MM.yyyy, yyyy-MM-dd or dd/MM/yyyy): " + text);
    }

    static YearMonth parseMonth(String text) {
        try {
            var m = YM.matcher(text);
            if (m.matches()) {
                return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = MY.matcher(text);
            if (m.matches()) {
                return YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            m = NAMED.matcher(text.toLowerCase(Locale.ROOT));
            if (m.matches() && m.group(1).length() >= 3) {
                var month = MONTHS.get(m.group(1).substring(0, 3));
                return month == null ? null : YearMonth.of(Integer.parseInt(m.group(2)), month);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private static LocalTime time(String h, String m, String s) {
        if (h == null) {
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(Integer.parseInt(h), Integer.parseInt(m), s == null ? 0 : Integer.parseInt(s));
    }
}
