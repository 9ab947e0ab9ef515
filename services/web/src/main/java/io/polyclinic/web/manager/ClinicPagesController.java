package io.polyclinic.web.manager;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.Clinic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Clinic pages for ADMINs and CLINIC_MANAGERs: the list ({@code /manage/clinics}), create (ADMIN) and edit. The API
 * decides who may change which clinic; its 403 is the 403 page.
 */
@Controller
class ClinicPagesController {

    static final ParameterizedTypeReference<PageView<Clinic>> CLINIC_PAGE = new ParameterizedTypeReference<>() {};

    private final ApiClient api;
    private final MessageSource messages;

    ClinicPagesController(ApiClient api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/manage/clinics")
    String list(@RequestParam(required = false) String city, @RequestParam(defaultValue = "0") int page, Model model) {
        var path = "/api/v1/admin/clinics?size=50&page=" + Math.clamp(page, 0, 10_000) + "&city="
                + PageForms.query(city, 100);
        model.addAttribute("clinics", api.get(path, CLINIC_PAGE));
        model.addAttribute("city", PageForms.text(city, 100));
        return "manager/clinics";
    }

    @GetMapping("/manage/clinics/new")
    String newClinic(Model model) {
        var form = new HashMap<String, String>();
        form.put("timeZone", "Europe/Moscow");
        return form(model, null, form, PageForms.noErrors());
    }

    @GetMapping("/manage/clinics/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var clinic = api.get("/api/v1/admin/clinics/" + id, Clinic.class);
        var form = new HashMap<String, String>();
        form.put("name", clinic.name());
        form.put("address", clinic.address());
        form.put("city", clinic.city());
        form.put("latitude", Double.toString(clinic.latitude()));
        form.put("longitude", Double.toString(clinic.longitude()));
        form.put("timeZone", clinic.timeZone());
        form.put("phone", clinic.phone());
        return form(model, id, form, PageForms.noErrors());
    }

    /** Creates ({@code /manage/clinics}) or saves ({@code /manage/clinics/{id}}) from the form's fields. */
    @PostMapping({"/manage/clinics", "/manage/clinics/{id}"})
    String save(@PathVariable(required = false) UUID id, @RequestParam Map<String, String> form, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var body = new LinkedHashMap<String, Object>();
        body.put("name", PageForms.text(form.get("name"), 200));
        body.put("address", PageForms.text(form.get("address"), 500));
        body.put("city", PageForms.text(form.get("city"), 100));
        body.put("latitude", coordinate(form.get("latitude"), "latitude", errors));
        body.put("longitude", coordinate(form.get("longitude"), "longitude", errors));
        body.put("timeZone", PageForms.text(form.get("timeZone"), 64));
        body.put("phone", PageForms.text(form.get("phone"), 40));
        if (!errors.isEmpty()) {
            return form(model, id, form, errors);
        }
        try {
            var saved = id == null
                    ? api.post("/api/v1/admin/clinics", body, Clinic.class)
                    : api.put("/api/v1/admin/clinics/" + id, body, Clinic.class);
            return "redirect:/manage/clinics?saved=" + saved.id();
        } catch (ApiException e) {
            PageForms.show(e, model);
            return form(model, id, form, null);
        }
    }

    private Double coordinate(String value, String field, Map<String, String> errors) {
        var text = PageForms.text(value, 30);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.put(field, messages.getMessage("admin.form.number", null, LocaleContextHolder.getLocale()));
            return null;
        }
    }

    private static String form(Model model, UUID id, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("clinicId", id);
        model.addAttribute("form", form);
        if (errors != null) {
            model.addAttribute("errors", errors);
        }
        return "manager/clinic-form";
    }
}
