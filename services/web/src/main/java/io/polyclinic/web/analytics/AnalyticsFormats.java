package io.polyclinic.web.analytics;

import java.text.NumberFormat;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Figures of the analytics pages in the page's language ({@code ${@analyticsFmt...}} in templates). */
@Component("analyticsFmt")
public class AnalyticsFormats {

    /** A share 0..1 as a percentage with one decimal: "42.5%" / "42,5 %". */
    public String percent(double share) {
        var format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(share);
    }

    /** A duration in seconds as minutes and seconds, "2:05"; hours as "1:02:05". */
    public String duration(long seconds) {
        var s = Math.max(0, seconds);
        return s >= 3600
                ? "%d:%02d:%02d".formatted(s / 3600, s % 3600 / 60, s % 60)
                : "%d:%02d".formatted(s / 60, s % 60);
    }
}
