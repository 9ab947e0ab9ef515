package io.polyclinic.web.analytics;

import io.polyclinic.web.analytics.AnalyticsViews.AlertFiring;
import io.polyclinic.web.analytics.AnalyticsViews.AlertRule;
import io.polyclinic.web.analytics.AnalyticsViews.Realtime;
import io.polyclinic.web.analytics.AnalyticsViews.Site;
import io.polyclinic.web.analytics.AnalyticsViews.Summary;
import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.manager.ManagerViews.Clinic;
import io.polyclinic.web.manager.PageView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * The analytics API as the analytics pages use it: sites, the live figures, the summary report, alert rules and their
 * firings. Every method throws {@link io.polyclinic.web.api.ApiException} for an error answer (404 for a site the
 * person may not see).
 */
@Component
class AnalyticsApi {

    static final String SITES = "/api/v1/analytics/sites";

    private static final ParameterizedTypeReference<PageView<Site>> SITE_PAGE = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<PageView<Clinic>> CLINIC_PAGE =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<AlertRule>> RULES = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<PageView<AlertFiring>> FIRINGS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Summary> SUMMARY = new ParameterizedTypeReference<>() {};

    private final ApiClient api;

    AnalyticsApi(ApiClient api) {
        this.api = api;
    }

    /** The person's sites (a manager's clinics', all for an admin), 50 a page. */
    PageView<Site> sites(int page) {
        return api.get(SITES + "?size=50&page=" + Math.clamp(page, 0, 10_000), SITE_PAGE);
    }

    Site site(UUID id) {
        return api.get(SITES + "/" + id, Site.class);
    }

    /** The clinics a site may belong to (the API refuses a clinic the person does not run). */
    List<Clinic> clinics() {
        return api.get("/api/v1/admin/clinics?size=100", CLINIC_PAGE).items();
    }

    /** Creates ({@code id} null) or replaces a site; {@code body} is the API's {@code SiteRequest}. */
    Site save(UUID id, Map<String, Object> body) {
        return id == null ? api.post(SITES, body, Site.class) : api.put(SITES + "/" + id, body, Site.class);
    }

    Realtime realtime(UUID siteId) {
        return api.get("/api/v1/analytics/realtime?siteId=" + siteId, Realtime.class);
    }

    /** The summary for {@code period} (day, week, month) or for {@code from}..{@code to} (local dates). */
    Summary summary(UUID siteId, String period, String from, String to) {
        if (period != null) {
            return api.get(
                    "/api/v1/analytics/reports/summary?siteId={siteId}&period={period}",
                    Map.of("siteId", siteId, "period", period),
                    SUMMARY);
        }
        return api.get(
                "/api/v1/analytics/reports/summary?siteId={siteId}&from={from}&to={to}",
                Map.of("siteId", siteId, "from", from, "to", to),
                SUMMARY);
    }

    List<AlertRule> alerts(UUID siteId) {
        return api.get(SITES + "/" + siteId + "/alerts", RULES);
    }

    AlertRule createAlert(UUID siteId, Map<String, Object> body) {
        return api.post(SITES + "/" + siteId + "/alerts", body, AlertRule.class);
    }

    void deleteAlert(UUID siteId, UUID alertId) {
        api.delete(SITES + "/" + siteId + "/alerts/" + alertId);
    }

    /** The rule's newest 20 firings. */
    PageView<AlertFiring> firings(UUID siteId, UUID alertId) {
        return api.get(SITES + "/" + siteId + "/alerts/" + alertId + "/firings?size=20", FIRINGS);
    }
}
