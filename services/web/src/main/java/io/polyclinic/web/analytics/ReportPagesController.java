package io.polyclinic.web.analytics;

import io.polyclinic.web.analytics.AnalyticsViews.Summary;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reports of a site ({@code /manage/analytics/sites/{id}/reports}): a period (today, 7 or 30 days) or two local
 * dates; totals, a Chart.js time series of pageviews and visitors (its data in the canvas's {@code data-} attributes,
 * drawn by {@code /js/analytics.js}, and as a table for those who cannot see the chart), the breakdowns and the
 * "bookings" goal. Days and hours are the site's, in its time zone, which the page names.
 */
@Controller
class ReportPagesController {

    /** The breakdowns shown, in the page's order. */
    static final List<String> DIMENSIONS =
            List.of("page", "source", "utm_source", "utm_medium", "utm_campaign", "country", "device", "browser");

    private static final Set<String> PERIODS = Set.of("day", "week", "month");

    private final AnalyticsApi analytics;
    private final JsonMapper json;

    ReportPagesController(AnalyticsApi analytics, JsonMapper json) {
        this.analytics = analytics;
        this.json = json;
    }

    @GetMapping("/manage/analytics/sites/{id}/reports")
    String report(
            @PathVariable UUID id,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        var site = analytics.site(id);
        model.addAttribute("site", site);
        model.addAttribute("dimensions", DIMENSIONS);
        var fromDate = PageForms.date(from);
        var toDate = PageForms.date(to);
        var chosen = period != null && PERIODS.contains(period) ? period : null;
        if (chosen == null && (fromDate == null || toDate == null)) {
            chosen = "month";
        }
        model.addAttribute("period", chosen);
        model.addAttribute("from", chosen == null ? fromDate : null);
        model.addAttribute("to", chosen == null ? toDate : null);
        try {
            var summary = chosen != null
                    ? analytics.summary(id, chosen, null, null)
                    : analytics.summary(id, null, fromDate.toString(), toDate.toString());
            model.addAttribute("summary", summary);
            model.addAttribute("labels", labels(summary));
            model.addAttribute("chartLabels", json.writeValueAsString(labels(summary)));
            model.addAttribute(
                    "chartPageviews",
                    json.writeValueAsString(summary.series().stream()
                            .map(p -> p.figures().pageviews())
                            .toList()));
            model.addAttribute(
                    "chartVisitors",
                    json.writeValueAsString(summary.series().stream()
                            .map(p -> p.figures().visitors())
                            .toList()));
        } catch (ApiException e) {
            // a span the API refuses (over 366 days, to before from): its message above the form
            PageForms.show(e, model);
        }
        return "analytics/report";
    }

    /** The series' bucket names in the page's language: hours for one day, dates otherwise. */
    static List<String> labels(Summary summary) {
        var locale = LocaleContextHolder.getLocale();
        var format = "hour".equals(summary.granularity())
                ? DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return summary.series().stream().map(p -> format.format(p.start())).toList();
    }
}
