package io.polyclinic.web.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.web.analytics.AnalyticsViews.AlertFiring;
import io.polyclinic.web.analytics.AnalyticsViews.AlertRule;
import io.polyclinic.web.analytics.AnalyticsViews.BookingGoal;
import io.polyclinic.web.analytics.AnalyticsViews.Count;
import io.polyclinic.web.analytics.AnalyticsViews.CountryCount;
import io.polyclinic.web.analytics.AnalyticsViews.Figures;
import io.polyclinic.web.analytics.AnalyticsViews.PageCount;
import io.polyclinic.web.analytics.AnalyticsViews.Point;
import io.polyclinic.web.analytics.AnalyticsViews.Realtime;
import io.polyclinic.web.analytics.AnalyticsViews.RecentEvent;
import io.polyclinic.web.analytics.AnalyticsViews.Row;
import io.polyclinic.web.analytics.AnalyticsViews.Site;
import io.polyclinic.web.analytics.AnalyticsViews.Summary;
import io.polyclinic.web.manager.ManagerViews.Clinic;
import io.polyclinic.web.manager.PageView;
import io.polyclinic.web.view.TemplateRenderer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The analytics templates rendered as the web service renders them (layout, both bundles, {@code @fmt} and
 * {@code @analyticsFmt}): in both languages, times in the site's zone with the zone named, numbers in the page's
 * language, and what people or visitors typed (site names, page paths, referrers, the snippet) escaped.
 */
class AnalyticsTemplatesTest {

    private static final String MARKUP = "<script>alert('x')</script>";
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));
    private static final UUID SITE = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-07T06:05:00Z");

    private final TemplateRenderer pages = new TemplateRenderer(
            "/manage/analytics",
            "CLINIC_MANAGER",
            List.of("messages_admin"),
            Map.of("analyticsFmt", new AnalyticsFormats()));

    private String render(String template, Locale locale, Map<String, Object> model) {
        return pages.render(template, locale, model);
    }

    private static Site site() {
        return new Site(
                SITE,
                UUID.randomUUID(),
                "Site " + MARKUP,
                "trk_abc",
                List.of("clinic.example"),
                "Asia/Vladivostok",
                "<script defer data-site=\"trk_abc\" src=\"https://gw.example/tracker.js\"></script>",
                AT);
    }

    @Test
    void theSitePagesShowTheSnippetAsTextAndEscapeNames() {
        for (var locale : LANGUAGES) {
            var list = render("analytics/sites", locale, Map.of("sites", new PageView<>(List.of(site()), 0, 50, 1, 1)));
            assertThat(list).doesNotContain(MARKUP).contains("&lt;script&gt;").contains("nav-analytics");
            var page = render("analytics/site", locale, Map.of("site", site()));
            assertThat(page)
                    .doesNotContain("<script defer data-site")
                    .contains("&lt;script defer data-site=&quot;trk_abc&quot;")
                    .contains("/js/analytics.js");
            var form = new HashMap<String, String>();
            form.put("name", MARKUP);
            var formHtml = render(
                    "analytics/site-form",
                    locale,
                    Map.of(
                            "form", form,
                            "clinics",
                                    List.of(new Clinic(
                                            UUID.randomUUID(), "Clinic", "a", "Moscow", 0, 0, "Europe/Moscow", "")),
                            "errors", Map.of("clinicId", "choose " + MARKUP)));
            assertThat(formHtml)
                    .doesNotContain(MARKUP)
                    .contains("clinicId-error")
                    .contains("name=\"domains\"");
        }
        assertThat(render("analytics/site", Locale.forLanguageTag("ru"), Map.of("site", site())))
                .contains("Код для вставки");
    }

    @Test
    void theLiveViewShowsTimesInTheSitesZoneAndEscapesWhatVisitorsSent() {
        var live = new Realtime(
                SITE,
                AT,
                12345,
                20000,
                List.of(new PageCount("/" + MARKUP, 3)),
                List.of(new CountryCount("RU", 2)),
                List.of(new RecentEvent(AT, "pageview", "pageview", "/" + MARKUP, MARKUP, "RU", "Desktop")));
        for (var locale : LANGUAGES) {
            var html = render("analytics/live", locale, Map.of("site", site(), "live", live));
            assertThat(html)
                    .doesNotContain(MARKUP)
                    .as("06:05 UTC is 16:05 in Vladivostok")
                    .contains(locale.getLanguage().equals("ru") ? "16:05" : "4:05")
                    .contains("Asia/Vladivostok")
                    .contains("data-stream=\"/manage/analytics/sites/" + SITE + "/live/stream\"")
                    .contains(locale.getLanguage().equals("ru") ? "12\u00a0345" : "12,345");
        }
    }

    @Test
    void theReportHasTheChartsDataTheBreakdownsAndTheBookingsGoal() {
        var figures = new Figures(1500, 1200, 1300, 0.425, 125, 1800);
        var summary = new Summary(
                SITE,
                "Asia/Vladivostok",
                LocalDate.parse("2026-12-01"),
                LocalDate.parse("2026-12-02"),
                "day",
                figures,
                List.of(
                        new Point(LocalDateTime.parse("2026-12-01T00:00"), figures),
                        new Point(LocalDateTime.parse("2026-12-02T00:00"), figures)),
                Map.of("page", List.of(new Row("/" + MARKUP, figures))),
                Map.of(
                        "bookings",
                        new BookingGoal(3, 60, 0.05, List.of(new Count("Google", 3)), List.of(new Count(MARKUP, 1)))));
        for (var locale : LANGUAGES) {
            var model = new HashMap<String, Object>();
            model.put("site", site());
            model.put("summary", summary);
            model.put("period", "week");
            model.put("dimensions", ReportPagesController.DIMENSIONS);
            model.put("labels", List.of("1 Dec", "2 Dec"));
            model.put("chartLabels", "[\"1 Dec\",\"2 Dec\"]");
            model.put("chartPageviews", "[1500,1500]");
            model.put("chartVisitors", "[1200,1200]");
            var html = render("analytics/report", locale, model);
            assertThat(html)
                    .doesNotContain(MARKUP)
                    .contains("data-labels=\"[&quot;1 Dec&quot;,&quot;2 Dec&quot;]\"")
                    .contains("data-bookings=\"3\"")
                    .contains("breakdown-utm_campaign")
                    .contains("Asia/Vladivostok")
                    .contains(locale.getLanguage().equals("ru") ? "42,5" : "42.5%")
                    .contains("2:05");
        }
    }

    @Test
    void theAlertPagesListRulesAndFirings() {
        var rule = new AlertRule(
                UUID.randomUUID(), SITE, "VISITORS_PER_HOUR", 1000, 60, "ops@clinic.example", "en", true, AT, AT);
        var form = new HashMap<String, String>();
        form.put("kind", "NO_PAGEVIEWS");
        form.put("email", MARKUP);
        for (var locale : LANGUAGES) {
            var html = render(
                    "analytics/alerts",
                    locale,
                    Map.of(
                            "site", site(),
                            "rules", List.of(rule),
                            "form", form,
                            "errors", Map.of("threshold", "must be at least 1")));
            assertThat(html)
                    .doesNotContain(MARKUP)
                    .contains("threshold-error")
                    .contains(locale.getLanguage().equals("ru") ? "Больше 1\u00a0000" : "More than 1,000")
                    .contains(locale.getLanguage().equals("ru") ? "16:05" : "4:05");
            var firings = render(
                    "analytics/firings",
                    locale,
                    Map.of(
                            "site",
                            site(),
                            "rule",
                            rule,
                            "firings",
                            new PageView<>(
                                    List.of(new AlertFiring(
                                            UUID.randomUUID(), rule.id(), AT, 1500, 1000, "ops@clinic.example")),
                                    0,
                                    20,
                                    1,
                                    1)));
            assertThat(firings)
                    .contains(locale.getLanguage().equals("ru") ? "16:05" : "4:05")
                    .contains("Asia/Vladivostok");
        }
    }
}
