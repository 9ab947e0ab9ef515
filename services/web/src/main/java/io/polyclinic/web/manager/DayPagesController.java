package io.polyclinic.web.manager;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.ClinicDay;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A clinic's appointments of one day ({@code /manage/clinics/{id}/day?date=}), in the clinic's zone, where staff
 * mark a patient who did not come as a no-show.
 */
@Controller
class DayPagesController {

    private static final Set<String> STATUSES = Set.of("BOOKED", "CANCELLED", "COMPLETED", "NO_SHOW");

    private final ApiClient api;

    DayPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/manage/clinics/{id}/day")
    String day(
            @PathVariable UUID id,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var path = new StringBuilder(
                "/api/v1/admin/clinics/" + id + "/appointments?size=100&page=" + Math.clamp(page, 0, 10_000));
        var day = PageForms.date(date);
        if (day != null) {
            path.append("&date=").append(day);
        }
        var validStatus = status != null && STATUSES.contains(status) ? status : null;
        if (validStatus != null) {
            path.append("&status=").append(validStatus);
        }
        var answer = api.get(path.toString(), ClinicDay.class);
        model.addAttribute("day", answer);
        model.addAttribute("status", validStatus);
        model.addAttribute("previous", answer.date().minusDays(1));
        model.addAttribute("next", answer.date().plusDays(1));
        return "manager/day";
    }

    @PostMapping("/manage/appointments/{id}/no-show")
    String noShow(@PathVariable UUID id, @RequestParam UUID clinicId, @RequestParam(required = false) String date) {
        var back = "redirect:/manage/clinics/" + clinicId + "/day?"
                + (PageForms.date(date) == null ? "" : "date=" + PageForms.date(date) + "&");
        try {
            api.post("/api/v1/admin/appointments/" + id + "/no-show", null, null);
            return back + "marked=" + id;
        } catch (ApiException e) {
            if (e.status() != 409 && e.status() != 422) {
                throw e;
            }
            return back + "refused=" + id;
        }
    }
}
