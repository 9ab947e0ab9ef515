package io.polyclinic.web.admin;

import io.polyclinic.web.admin.AdminViews.Review;
import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import io.polyclinic.web.manager.PageView;
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
 * Review moderation for ADMINs ({@code /admin/reviews?show=all|visible|hidden}): hide an abusive review with a reason,
 * show a hidden one again. Review text is the patient's and is shown escaped.
 */
@Controller
class ReviewPagesController {

    private static final ParameterizedTypeReference<PageView<Review>> REVIEW_PAGE =
            new ParameterizedTypeReference<>() {};

    private final ApiClient api;

    ReviewPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/admin/reviews")
    String queue(
            @RequestParam(defaultValue = "visible") String show,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var filter =
                switch (show) {
                    case "hidden" -> "&hidden=true";
                    case "all" -> "";
                    default -> "&hidden=false";
                };
        var shown = filter.isEmpty() ? "all" : filter.endsWith("true") ? "hidden" : "visible";
        model.addAttribute(
                "reviews",
                api.get("/api/v1/admin/reviews?size=20&page=" + Math.clamp(page, 0, 10_000) + filter, REVIEW_PAGE));
        model.addAttribute("show", shown);
        return "admin/reviews";
    }

    @PostMapping("/admin/reviews/{id}/hide")
    String hide(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "visible") String show) {
        var text = PageForms.text(reason, 500);
        try {
            api.post("/api/v1/admin/reviews/" + id + "/hide", Map.of("reason", text == null ? "" : text), null);
            return "redirect:/admin/reviews?show=" + safeShow(show) + "&hidden=" + id;
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            return "redirect:/admin/reviews?show=" + safeShow(show) + "&reasonMissing=" + id;
        }
    }

    @PostMapping("/admin/reviews/{id}/unhide")
    String unhide(@PathVariable UUID id, @RequestParam(defaultValue = "hidden") String show) {
        api.post("/api/v1/admin/reviews/" + id + "/unhide", null, null);
        return "redirect:/admin/reviews?show=" + safeShow(show) + "&shown=" + id;
    }

    private static String safeShow(String show) {
        return switch (show) {
            case "hidden", "all" -> show;
            default -> "visible";
        };
    }
}
