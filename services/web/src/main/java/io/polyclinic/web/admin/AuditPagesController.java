package io.polyclinic.web.admin;

import io.polyclinic.web.admin.AdminViews.AuditRecord;
import io.polyclinic.web.admin.AdminViews.Verification;
import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import io.polyclinic.web.manager.PageView;
import io.polyclinic.web.view.Formats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for ADMINs ({@code /admin/audit}): records newest first, filtered by actor, entity, action and a
 * date range (local dates in the default time zone, shown on the page); and the "verify chain" action, which starts
 * the audit service's background verification and shows its progress, refreshed every second by htmx until it ends.
 */
@Controller
class AuditPagesController {

    private static final ParameterizedTypeReference<PageView<AuditRecord>> RECORD_PAGE =
            new ParameterizedTypeReference<>() {};
    private static final String[] FILTERS = {"actor", "entityType", "entityId", "action"};

    private final ApiClient api;
    private final Formats formats;

    AuditPagesController(ApiClient api, Formats formats) {
        this.api = api;
        this.formats = formats;
    }

    @GetMapping("/admin/audit")
    String log(@RequestParam Map<String, String> params, Model model) {
        var filters = new LinkedHashMap<String, String>();
        var query = new StringBuilder("/api/v1/audit/records?size=50");
        for (var name : FILTERS) {
            var value = PageForms.text(params.get(name), 200);
            if (value != null) {
                filters.put(name, value);
                query.append('&').append(name).append('=').append(ApiClient.query(value));
            }
        }
        var zone = formats.zone(null);
        var from = PageForms.date(params.get("from"));
        if (from != null) {
            filters.put("from", from.toString());
            query.append("&from=")
                    .append(ApiClient.query(
                            from.atStartOfDay(zone).toOffsetDateTime().toString()));
        }
        var to = PageForms.date(params.get("to"));
        if (to != null) {
            filters.put("to", to.toString());
            query.append("&to=")
                    .append(ApiClient.query(
                            to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().toString()));
        }
        var page = PageForms.integer(params.get("page"), "page", new LinkedHashMap<>(), "");
        query.append("&page=").append(page == null ? 0 : Math.clamp(page, 0, 10_000));
        model.addAttribute("filters", filters);
        model.addAttribute("zone", zone.getId());
        try {
            model.addAttribute("records", api.get(query.toString(), RECORD_PAGE));
        } catch (ApiException e) {
            PageForms.show(e, model);
            model.addAttribute("records", new PageView<AuditRecord>(null, 0, 50, 0, 0));
        }
        return "admin/audit";
    }

    @PostMapping("/admin/audit/verifications")
    String verify() {
        var job = api.post("/api/v1/audit/verifications", null, Verification.class);
        return "redirect:/admin/audit/verifications/" + job.id();
    }

    @GetMapping("/admin/audit/verifications/{id}")
    String verification(@PathVariable UUID id, Model model) {
        model.addAttribute("job", api.get("/api/v1/audit/verifications/" + id, Verification.class));
        return "admin/verification";
    }

    /** The progress fragment htmx swaps in every second while the job runs. */
    @GetMapping("/admin/audit/verifications/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("job", api.get("/api/v1/audit/verifications/" + id, Verification.class));
        return "admin/verification :: progress";
    }
}
