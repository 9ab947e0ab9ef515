package io.polyclinic.web.admin;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.Specialty;
import io.polyclinic.web.manager.PageForms;
import io.polyclinic.web.manager.PageView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The specialty catalogue for ADMINs ({@code /admin/specialties}): list, add, rename. */
@Controller
class SpecialtyPagesController {

    private static final ParameterizedTypeReference<PageView<Specialty>> SPECIALTY_PAGE =
            new ParameterizedTypeReference<>() {};

    private final ApiClient api;

    SpecialtyPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/admin/specialties")
    String list(Model model) {
        return page(model, Map.of(), PageForms.noErrors());
    }

    @PostMapping("/admin/specialties")
    String create(@RequestParam Map<String, String> form, Model model) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", PageForms.text(form.get("code"), 50));
        body.put("nameRu", PageForms.text(form.get("nameRu"), 200));
        body.put("nameEn", PageForms.text(form.get("nameEn"), 200));
        try {
            var created = api.post("/api/v1/admin/specialties", body, Specialty.class);
            return "redirect:/admin/specialties?saved=" + ApiClient.query(created.code());
        } catch (ApiException e) {
            PageForms.show(e, model);
            return page(model, form, null);
        }
    }

    @PostMapping("/admin/specialties/{code}")
    String rename(@PathVariable String code, @RequestParam Map<String, String> form, Model model) {
        var body = new LinkedHashMap<String, Object>();
        body.put("nameRu", PageForms.text(form.get("nameRu"), 200));
        body.put("nameEn", PageForms.text(form.get("nameEn"), 200));
        try {
            api.put("/api/v1/admin/specialties/" + ApiClient.query(PageForms.text(code, 50)), body, Specialty.class);
            return "redirect:/admin/specialties?saved=" + ApiClient.query(PageForms.text(code, 50));
        } catch (ApiException e) {
            PageForms.show(e, model);
            model.addAttribute("renaming", code);
            return page(model, Map.of(), null);
        }
    }

    private String page(Model model, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute(
                "specialties",
                api.get("/api/v1/admin/specialties?size=100", SPECIALTY_PAGE).items());
        model.addAttribute("form", form);
        if (errors != null) {
            model.addAttribute("errors", errors);
        }
        return "admin/specialties";
    }
}
