package io.polyclinic.spreadsheet.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Excel serial date numbers (ECMA-376 Part 1, 18.17.4.1). In the 1900 system serial 1 is 1900-01-01 and serial 60 is
 * the non-existent 1900-02-29 that Excel keeps for Lotus 1-2-3 compatibility, so from serial 61 on the date is
 * 1899-12-30 plus the serial. In the 1904 system (old Mac Excel) serial 0 is 1904-01-01. The fraction is the time of
 * day, rounded to the millisecond.
 */
public final class ExcelDates {

    /** The largest serial Excel shows as a date: 9999-12-31 in the 1900 system. */
    public static final int MAX_SERIAL = 2_958_465;

    private static final LocalDate BASE_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate BASE_1900_BEFORE_MARCH = LocalDate.of(1899, 12, 31);
    private static final LocalDate BASE_1904 = LocalDate.of(1904, 1, 1);
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private ExcelDates() {}

    /**
     * Converts a serial to a local date-time.
     *
     * @param serial the serial, fraction = time of day
     * @param date1904 whether the workbook uses the 1904 date system
     * @return the date-time, or null when the serial is negative, above {@link #MAX_SERIAL}, or the fictitious
     *     1900-02-29 (serial 60 in the 1900 system)
     */
    public static LocalDateTime fromSerial(BigDecimal serial, boolean date1904) {
        if (serial == null || serial.signum() < 0 || serial.compareTo(BigDecimal.valueOf(MAX_SERIAL + 1L)) >= 0) {
            return null;
        }
        var days = serial.setScale(0, RoundingMode.FLOOR).longValue();
        var millis = serial.subtract(BigDecimal.valueOf(days))
                .multiply(MILLIS_PER_DAY)
                .setScale(0, RoundingMode.HALF_UP)
                .longValue();
        LocalDate date;
        if (date1904) {
            date = BASE_1904.plusDays(days);
        } else if (days == 60) {
            return null;
        } else if (days < 60) {
            if (days == 0) {
                return null;
            }
            date = BASE_1900_BEFORE_MARCH.plusDays(days);
        } else {
            date = BASE_1900.plusDays(days);
        }
        return date.atStartOfDay().plusNanos(millis * 1_000_000L);
    }

    /**
     * Converts a date to its serial in a date system (the inverse of {@link #fromSerial} for dates from 1900-03-01).
     *
     * @param date the date
     * @param date1904 whether to use the 1904 system
     * @return the whole-day serial
     */
    public static long toSerial(LocalDate date, boolean date1904) {
        return date1904 ? date.toEpochDay() - BASE_1904.toEpochDay() : date.toEpochDay() - BASE_1900.toEpochDay();
    }
}
