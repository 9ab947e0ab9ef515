package io.polyclinic.web.manager;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.ClinicRef;
import io.polyclinic.web.manager.ManagerViews.Doctor;
import io.polyclinic.web.manager.ManagerViews.Specialty;
import io.polyclinic.web.manager.ManagerViews.SpecialtyRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Doctor pages for ADMINs and CLINIC_MANAGERs: search ({@code /manage/doctors}), register, edit and change status. A
 * doctor's specialties and clinics are chosen from the catalogue; the API checks that a manager touches only doctors
 * of their clinics.
 */
@Controller
class DoctorPagesController {

    private static final ParameterizedTypeReference<PageView<Doctor>> DOCTOR_PAGE =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<PageView<Specialty>> SPECIALTY_PAGE =
            new ParameterizedTypeReference<>() {};
    private static final Set<String> STATUSES = Set.of("ACTIVE", "ON_LEAVE", "INACTIVE");

    private final ApiClient api;
    private final MessageSource messages;

    DoctorPagesController(ApiClient api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/manage/doctors")
    String search(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID clinicId,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var validStatus = status != null && STATUSES.contains(status) ? status : null;
        var path = new StringBuilder("/api/v1/admin/doctors?sort=name&size=20&page=" + Math.clamp(page, 0, 10_000));
        path.append("&name=").append(PageForms.query(name, 100));
        if (validStatus != null) {
            path.append("&status=").append(validStatus);
        }
        if (clinicId != null) {
            path.append("&clinicId=").append(clinicId);
        }
        model.addAttribute("doctors", api.get(path.toString(), DOCTOR_PAGE));
        model.addAttribute("name", PageForms.text(name, 100));
        model.addAttribute("status", validStatus);
        model.addAttribute("clinicId", clinicId);
        model.addAttribute("clinics", clinics());
        return "manager/doctors";
    }

    @GetMapping("/manage/doctors/new")
    String register(Model model) {
        return form(model, null, new HashMap<>(), List.of(), List.of(), PageForms.noErrors());
    }

    @GetMapping("/manage/doctors/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var doctor = api.get("/api/v1/admin/doctors/" + id, Doctor.class);
        var form = new HashMap<String, String>();
        form.put("fullName", doctor.fullName());
        form.put("bio", doctor.bio());
        form.put(
                "experienceYears",
                doctor.experienceYears() == null ? "" : doctor.experienceYears().toString());
        form.put("photoUrl", doctor.photoUrl());
        model.addAttribute("doctor", doctor);
        var specialties = doctor.specialties().stream().map(SpecialtyRef::code).toList();
        var clinicIds = doctor.clinics().stream().map(c -> c.id().toString()).toList();
        return form(model, id, form, specialties, clinicIds, PageForms.noErrors());
    }

    /** Registers a doctor ({@code /manage/doctors}) or saves one ({@code /manage/doctors/{id}}). */
    @PostMapping({"/manage/doctors", "/manage/doctors/{id}"})
    String save(
            @PathVariable(required = false) UUID id,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "specialties", required = false) List<String> specialties,
            @RequestParam(name = "clinicIds", required = false) List<String> clinicIds,
            Model model) {
        return store(id, form, specialties, clinicIds, model);
    }

    @PostMapping("/manage/doctors/{id}/status")
    String changeStatus(@PathVariable UUID id, @RequestParam String status) {
        var body = Map.of("status", STATUSES.contains(status) ? status : "");
        api.patch("/api/v1/admin/doctors/" + id + "/status", body, Doctor.class);
        return "redirect:/manage/doctors/" + id + "/edit?saved=status";
    }

    private String store(
            UUID id, Map<String, String> form, List<String> specialties, List<String> clinicIds, Model model) {
        var chosenSpecialties = bounded(specialties, 10);
        var chosenClinics = bounded(clinicIds, 20);
        var errors = new LinkedHashMap<String, String>();
        var body = new LinkedHashMap<String, Object>();
        body.put("fullName", PageForms.text(form.get("fullName"), 200));
        body.put("specialties", chosenSpecialties);
        body.put("clinicIds", chosenClinics);
        body.put("bio", PageForms.text(form.get("bio"), 4000));
        var number = messages.getMessage("admin.form.whole-number", null, LocaleContextHolder.getLocale());
        body.put("experienceYears", PageForms.integer(form.get("experienceYears"), "experienceYears", errors, number));
        body.put("photoUrl", PageForms.text(form.get("photoUrl"), 1000));
        if (!errors.isEmpty()) {
            return form(model, id, form, chosenSpecialties, chosenClinics, errors);
        }
        try {
            var saved = id == null
                    ? api.post("/api/v1/admin/doctors", body, Doctor.class)
                    : api.put("/api/v1/admin/doctors/" + id, body, Doctor.class);
            return id == null
                    ? "redirect:/manage/doctors/" + saved.id() + "/slots?registered=true"
                    : "redirect:/manage/doctors/" + saved.id() + "/edit?saved=doctor";
        } catch (ApiException e) {
            PageForms.show(e, model);
            if (id != null) {
                model.addAttribute("doctor", api.get("/api/v1/admin/doctors/" + id, Doctor.class));
            }
            return form(model, id, form, chosenSpecialties, chosenClinics, null);
        }
    }

    private static List<String> bounded(List<String> values, int max) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .filter(v -> v != null && !v.isBlank() && v.length() <= 50)
                .distinct()
                .limit(max)
                .toList();
    }

    private String form(
            Model model,
            UUID id,
            Map<String, String> form,
            List<String> specialties,
            List<String> clinicIds,
            Map<String, String> errors) {
        model.addAttribute("doctorId", id);
        model.addAttribute("form", form);
        model.addAttribute("chosenSpecialties", specialties);
        model.addAttribute("chosenClinics", clinicIds);
        model.addAttribute(
                "specialties",
                api.get("/api/v1/specialties?size=100", SPECIALTY_PAGE).items());
        model.addAttribute("clinics", clinics());
        if (errors != null) {
            model.addAttribute("errors", errors);
        }
        return "manager/doctor-form";
    }

    private List<ClinicRef> clinics() {
        return api.get("/api/v1/admin/clinics?size=100", ClinicPagesController.CLINIC_PAGE).items().stream()
                .map(c -> new ClinicRef(c.id(), c.name(), c.city(), c.timeZone()))
                .toList();
    }
}
