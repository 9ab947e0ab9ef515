package io.polyclinic.web.admin;

import io.polyclinic.web.admin.AdminViews.User;
import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.Clinic;
import io.polyclinic.web.manager.PageForms;
import io.polyclinic.web.manager.PageView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Users and roles for ADMINs ({@code /admin/users}): find a user by email, grant and revoke roles, and choose the
 * clinics a CLINIC_MANAGER runs. Identity refuses to remove the last administrator; that refusal is shown on the page.
 */
@Controller
class UserPagesController {

    private static final ParameterizedTypeReference<PageView<User>> USER_PAGE = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<PageView<Clinic>> CLINIC_PAGE =
            new ParameterizedTypeReference<>() {};
    /** The roles, in the order identity lists them. */
    static final List<String> ROLES = List.of("PATIENT", "CLINIC_MANAGER", "ADMIN");

    private final ApiClient api;

    UserPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String email, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "users",
                api.get(
                        "/api/v1/admin/users?size=20&page=" + Math.clamp(page, 0, 10_000) + "&email="
                                + PageForms.query(email, 254),
                        USER_PAGE));
        model.addAttribute("email", PageForms.text(email, 254));
        return "admin/users";
    }

    @GetMapping("/admin/users/{id}")
    String user(@PathVariable UUID id, Model model) {
        return page(id, model);
    }

    @PostMapping("/admin/users/{id}/roles")
    String roles(
            @PathVariable UUID id, @RequestParam(name = "roles", required = false) List<String> roles, Model model) {
        var chosen = roles == null
                ? List.<String>of()
                : roles.stream().filter(ROLES::contains).distinct().toList();
        try {
            api.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", chosen), User.class);
            return "redirect:/admin/users/" + id + "?saved=roles";
        } catch (ApiException e) {
            PageForms.show(e, model);
            return page(id, model);
        }
    }

    @PostMapping("/admin/users/{id}/clinics")
    String clinics(
            @PathVariable UUID id,
            @RequestParam(name = "clinicIds", required = false) List<UUID> clinicIds,
            Model model) {
        var chosen = clinicIds == null
                ? List.<UUID>of()
                : clinicIds.stream().distinct().limit(50).toList();
        try {
            api.put("/api/v1/admin/users/" + id + "/clinics", Map.of("clinicIds", chosen), User.class);
            return "redirect:/admin/users/" + id + "?saved=clinics";
        } catch (ApiException e) {
            PageForms.show(e, model);
            return page(id, model);
        }
    }

    private String page(UUID id, Model model) {
        var user = api.get("/api/v1/admin/users/" + id, User.class);
        model.addAttribute("user", user);
        model.addAttribute("roles", ROLES);
        model.addAttribute(
                "clinics",
                api.get("/api/v1/admin/clinics?size=100", CLINIC_PAGE).items());
        model.addAttribute("userClinics", Set.copyOf(user.clinicIds()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", PageForms.noErrors());
        }
        return "admin/user";
    }
}
