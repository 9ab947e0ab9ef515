package io.polyclinic.web.analytics;

import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The analytics sites of clinic managers and admins ({@code /manage/analytics}): the list, a site with the snippet to
 * paste, create and edit (name, domains, time zone). The API decides which clinics' sites a person sees and changes;
 * its 404 is the 404 page, its field problems are shown on the form.
 */
@Controller
class SitePagesController {

    /** At most this many domains, as the API allows. */
    private static final int MAX_DOMAINS = 20;

    private final AnalyticsApi analytics;
    private final MessageSource messages;

    SitePagesController(AnalyticsApi analytics, MessageSource messages) {
        this.analytics = analytics;
        this.messages = messages;
    }

    @GetMapping("/manage/analytics")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("sites", analytics.sites(page));
        return "analytics/sites";
    }

    @GetMapping("/manage/analytics/sites/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("site", analytics.site(id));
        return "analytics/site";
    }

    @GetMapping("/manage/analytics/sites/new")
    String newSite(Model model) {
        var form = new HashMap<String, String>();
        form.put("timeZone", "Europe/Moscow");
        return form(model, null, form, PageForms.noErrors());
    }

    @GetMapping("/manage/analytics/sites/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var site = analytics.site(id);
        var form = new HashMap<String, String>();
        form.put("clinicId", site.clinicId().toString());
        form.put("name", site.name());
        form.put("domains", site.domainList());
        form.put("timeZone", site.timeZone());
        return form(model, id, form, PageForms.noErrors());
    }

    /** Creates ({@code /manage/analytics/sites}) or saves ({@code /manage/analytics/sites/{id}}) from the form's fields. */
    @PostMapping({"/manage/analytics/sites", "/manage/analytics/sites/{id}"})
    String save(@PathVariable(required = false) UUID id, @RequestParam Map<String, String> form, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var clinicId = clinicId(form.get("clinicId"), errors);
        if (!errors.isEmpty()) {
            return form(model, id, form, errors);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("clinicId", clinicId);
        body.put("name", PageForms.text(form.get("name"), 200));
        body.put("domains", domains(form.get("domains")));
        body.put("timeZone", PageForms.text(form.get("timeZone"), 64));
        try {
            var saved = analytics.save(id, body);
            return "redirect:/manage/analytics/sites/" + saved.id() + "?saved=true";
        } catch (ApiException e) {
            PageForms.show(e, model);
            return form(model, id, form, null);
        }
    }

    /** The domains of the form's one field, split at commas, spaces and line breaks; at most {@value #MAX_DOMAINS}+1. */
    static List<String> domains(String value) {
        var text = PageForms.text(value, 6000);
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+"))
                .filter(domain -> !domain.isBlank())
                .limit(MAX_DOMAINS + 1L)
                .toList();
    }

    private UUID clinicId(String value, Map<String, String> errors) {
        var text = PageForms.text(value, 36);
        try {
            if (text != null) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // a tampered value: the same message as a missing one
        }
        errors.put(
                "clinicId",
                messages.getMessage("analytics.site.clinic.required", null, LocaleContextHolder.getLocale()));
        return null;
    }

    private String form(Model model, UUID id, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("siteId", id);
        model.addAttribute("form", form);
        if (id == null) {
            model.addAttribute("clinics", analytics.clinics());
        }
        if (errors != null) {
            model.addAttribute("errors", errors);
        }
        return "analytics/site-form";
    }
}
