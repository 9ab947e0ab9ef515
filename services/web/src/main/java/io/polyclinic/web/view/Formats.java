package io.polyclinic.web.view;

import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, times and numbers for the pages ({@code ${@fmt...}} in templates), in the page's language and in the clinic's
 * time zone, which the page shows next to the time.
 */
@Component("fmt")
public class Formats {

    private final ZoneId defaultZone;

    /** @param defaultZone {@code polyclinic.web-ui.default-time-zone} (see WebUiProperties) */
    public Formats(
            @org.springframework.beans.factory.annotation.Value("${polyclinic.web-ui.default-time-zone:Europe/Moscow}")
                    String defaultZone) {
        this.defaultZone = ZoneId.of(defaultZone);
    }

    /** The zone of {@code zoneId}, or the default one for a missing or unknown id. */
    public ZoneId zone(@Nullable String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }

    /**
     * Such as "12 Dec 2026, 10:00" / "12 дек. 2026 г., 10:00" in {@code zoneId}, whose page shows the zone; without a
     * zone (a time that belongs to no clinic, such as an import's start) in the default zone, named after the time:
     * "12 Dec 2026, 10:00 (Europe/Moscow)".
     */
    public String dateTime(@Nullable Instant instant, @Nullable String zoneId) {
        if (instant == null) {
            return "";
        }
        var text = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(zone(zoneId))
                .format(instant);
        return zoneId == null || zoneId.isBlank() ? text + " (" + defaultZone.getId() + ")" : text;
    }

    /** Such as "10:00" in {@code zoneId}. */
    public String time(@Nullable Instant instant, @Nullable String zoneId) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(zone(zoneId))
                .format(instant);
    }

    /** Such as "Saturday, 12 December 2026". */
    public String day(@Nullable LocalDate date) {
        if (date == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(LocaleContextHolder.getLocale())
                .format(date);
    }

    /** The local date of {@code instant} in {@code zoneId}. */
    public LocalDate localDate(Instant instant, @Nullable String zoneId) {
        return instant.atZone(zone(zoneId)).toLocalDate();
    }

    /** A number with one decimal in the page's language ("4.5" / "4,5"). */
    public String decimal(double value) {
        var format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    /** A whole number in the page's language ("12,345" / "12 345"). */
    public String integer(long value) {
        return NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(value);
    }
}
