package io.polyclinic.web.analytics;

import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The alert rules of a site ({@code /manage/analytics/sites/{id}/alerts}): the list with each rule's last firing, a
 * form to add one ("visitors per hour above N", "no pageviews for N minutes", cooldown, recipient, the email's
 * language), delete, and a rule's firing history. The API validates the rule; its field messages go next to the
 * fields.
 */
@Controller
class AlertPagesController {

    private static final Set<String> KINDS = Set.of("VISITORS_PER_HOUR", "NO_PAGEVIEWS");

    private final AnalyticsApi analytics;
    private final MessageSource messages;

    AlertPagesController(AnalyticsApi analytics, MessageSource messages) {
        this.analytics = analytics;
        this.messages = messages;
    }

    @GetMapping("/manage/analytics/sites/{id}/alerts")
    String list(@PathVariable UUID id, Model model) {
        var form = new HashMap<String, String>();
        form.put("kind", "VISITORS_PER_HOUR");
        form.put("cooldownMinutes", "60");
        form.put("locale", LocaleContextHolder.getLocale().getLanguage().equals("ru") ? "ru" : "en");
        return page(id, form, null, model);
    }

    @PostMapping("/manage/analytics/sites/{id}/alerts")
    String create(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var number = messages.getMessage("admin.form.number", null, LocaleContextHolder.getLocale());
        var body = new LinkedHashMap<String, Object>();
        var kind = PageForms.text(form.get("kind"), 40);
        body.put("kind", kind != null && KINDS.contains(kind) ? kind : null);
        body.put("threshold", PageForms.integer(form.get("threshold"), "threshold", errors, number));
        body.put("cooldownMinutes", PageForms.integer(form.get("cooldownMinutes"), "cooldownMinutes", errors, number));
        body.put("email", PageForms.text(form.get("email"), 254));
        body.put("locale", "ru".equals(form.get("locale")) ? "ru" : "en");
        if (!errors.isEmpty()) {
            return page(id, form, errors, model);
        }
        try {
            analytics.createAlert(id, body);
            return "redirect:/manage/analytics/sites/" + id + "/alerts?created=true";
        } catch (ApiException e) {
            PageForms.show(e, model);
            return page(id, form, null, model);
        }
    }

    @PostMapping("/manage/analytics/sites/{id}/alerts/{alertId}/delete")
    String delete(@PathVariable UUID id, @PathVariable UUID alertId) {
        analytics.deleteAlert(id, alertId);
        return "redirect:/manage/analytics/sites/" + id + "/alerts?deleted=true";
    }

    @GetMapping("/manage/analytics/sites/{id}/alerts/{alertId}/firings")
    String firings(@PathVariable UUID id, @PathVariable UUID alertId, Model model) {
        model.addAttribute("site", analytics.site(id));
        model.addAttribute(
                "rule",
                analytics.alerts(id).stream()
                        .filter(rule -> rule.id().equals(alertId))
                        .findFirst()
                        .orElseThrow(() -> new ApiException(404, "not-found", null, Map.of())));
        model.addAttribute("firings", analytics.firings(id, alertId));
        return "analytics/firings";
    }

    private String page(UUID id, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("site", analytics.site(id));
        model.addAttribute("rules", analytics.alerts(id));
        model.addAttribute("form", form);
        if (errors != null) {
            model.addAttribute("errors", errors);
        }
        return "analytics/alerts";
    }
}
