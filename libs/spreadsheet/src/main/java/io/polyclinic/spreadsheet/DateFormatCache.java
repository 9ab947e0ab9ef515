package io.polyclinic.spreadsheet;

import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * POI's rule for "this number format shows a date" ({@link DateUtil#isADateFormat(int, String)}), remembered per
 * format for one open file. POI itself remembers only the last format it was asked about, and runs several regular
 * expressions for any other: a row whose date column sits beside number columns would pay for them on every cell.
 * A workbook has few number formats, so this holds few entries. Not thread-safe: one per file, read by one thread.
 */
final class DateFormatCache {

    private record Format(int index, String pattern) {}

    private final Map<Format, Boolean> known = new HashMap<>();

    /** Whether the number format (built-in index and pattern, the pattern possibly null) shows a date. */
    boolean isDateFormat(int index, String pattern) {
        return known.computeIfAbsent(
                new Format(index, pattern), format -> DateUtil.isADateFormat(format.index(), format.pattern()));
    }
}
