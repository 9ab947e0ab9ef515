package io.polyclinic.web.manager;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.ManagerViews.Doctor;
import io.polyclinic.web.manager.ManagerViews.PlanResult;
import io.polyclinic.web.manager.ManagerViews.Slot;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A doctor's schedule for ADMINs and CLINIC_MANAGERs ({@code /manage/doctors/{id}/slots}): the slots of a date range
 * with block and unblock, and the working-plan form that generates slots. Dates and times are the clinic's, with the
 * zone shown.
 */
@Controller
class SchedulePagesController {

    private static final ParameterizedTypeReference<PageView<Slot>> SLOT_PAGE = new ParameterizedTypeReference<>() {};
    /** The widest range the page lists (the API allows 31 days). */
    private static final int MAX_DAYS = 31;

    private final ApiClient api;
    private final Clock clock;
    private final MessageSource messages;

    SchedulePagesController(ApiClient api, Clock clock, MessageSource messages) {
        this.api = api;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/manage/doctors/{id}/slots")
    String slots(
            @PathVariable UUID id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        return page(id, from, to, defaultPlan(), model);
    }

    @PostMapping("/manage/doctors/{id}/working-plans")
    String generate(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "days", required = false) List<String> days,
            Model model) {
        var plan = new HashMap<String, Object>(form);
        var chosenDays = days == null
                ? List.<String>of()
                : days.stream()
                        .filter(SchedulePagesController::isDay)
                        .distinct()
                        .toList();
        plan.put("days", chosenDays);
        var body = new LinkedHashMap<String, Object>();
        body.put("clinicId", PageForms.text(form.get("clinicId"), 36));
        body.put("from", PageForms.text(form.get("from"), 10));
        body.put("to", PageForms.text(form.get("to"), 10));
        body.put("days", chosenDays);
        body.put("startTime", PageForms.text(form.get("startTime"), 8));
        body.put("endTime", PageForms.text(form.get("endTime"), 8));
        var breakStart = PageForms.text(form.get("breakStart"), 8);
        var breakEnd = PageForms.text(form.get("breakEnd"), 8);
        body.put("breaks", breakStart == null && breakEnd == null ? List.of() : List.of(breakOf(breakStart, breakEnd)));
        var errors = new LinkedHashMap<String, String>();
        var number = messages.getMessage("admin.form.whole-number", null, LocaleContextHolder.getLocale());
        body.put("slotMinutes", PageForms.integer(form.get("slotMinutes"), "slotMinutes", errors, number));
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return page(id, null, null, plan, model);
        }
        try {
            var result = api.post("/api/v1/admin/doctors/" + id + "/working-plans", body, PlanResult.class);
            return "redirect:/manage/doctors/" + id + "/slots?from=" + body.get("from") + "&created=" + result.created()
                    + "&skipped=" + result.skipped();
        } catch (ApiException e) {
            PageForms.show(e, model);
            return page(id, null, null, plan, model);
        }
    }

    @PostMapping("/manage/slots/{slotId}/block")
    String block(@PathVariable UUID slotId, @RequestParam UUID doctorId, @RequestParam(required = false) String from) {
        return change(slotId, "block", doctorId, from);
    }

    @PostMapping("/manage/slots/{slotId}/unblock")
    String unblock(
            @PathVariable UUID slotId, @RequestParam UUID doctorId, @RequestParam(required = false) String from) {
        return change(slotId, "unblock", doctorId, from);
    }

    private String change(UUID slotId, String action, UUID doctorId, String from) {
        var back = "redirect:/manage/doctors/" + doctorId + "/slots"
                + (PageForms.date(from) == null ? "?" : "?from=" + PageForms.date(from) + "&");
        try {
            api.post("/api/v1/admin/slots/" + slotId + "/" + action, null, Slot.class);
            return back + "changed=" + slotId;
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            return back + "conflict=" + slotId;
        }
    }

    private String page(UUID id, String from, String to, Map<String, Object> plan, Model model) {
        var doctor = api.get("/api/v1/admin/doctors/" + id, Doctor.class);
        var first = PageForms.date(from) == null ? LocalDate.now(clock) : PageForms.date(from);
        var last = PageForms.date(to) == null || PageForms.date(to).isBefore(first)
                ? first.plusDays(13)
                : PageForms.date(to);
        if (last.isAfter(first.plusDays(MAX_DAYS - 1))) {
            last = first.plusDays(MAX_DAYS - 1);
        }
        var slots = new ArrayList<Slot>();
        var page = 0;
        PageView<Slot> answer;
        do {
            answer = api.get(
                    "/api/v1/admin/doctors/" + id + "/slots?size=100&from=" + first + "&to=" + last + "&page=" + page,
                    SLOT_PAGE);
            slots.addAll(answer.items());
            page++;
        } while (answer.hasNext() && page < 10);
        if (!plan.containsKey("clinicId") && !doctor.clinics().isEmpty()) {
            plan.put("clinicId", doctor.clinics().getFirst().id().toString());
        }
        model.addAttribute("doctor", doctor);
        model.addAttribute("slots", slots);
        model.addAttribute("more", answer.hasNext());
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("plan", plan);
        model.addAttribute("weekDays", DayOfWeek.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", PageForms.noErrors());
        }
        return "manager/slots";
    }

    private Map<String, Object> defaultPlan() {
        var today = LocalDate.now(clock);
        var plan = new HashMap<String, Object>();
        plan.put("from", today.plusDays(1).toString());
        plan.put("to", today.plusDays(14).toString());
        plan.put("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        plan.put("startTime", "09:00");
        plan.put("endTime", "17:00");
        plan.put("breakStart", "13:00");
        plan.put("breakEnd", "14:00");
        plan.put("slotMinutes", "30");
        return plan;
    }

    private static Map<String, String> breakOf(String start, String end) {
        var map = new HashMap<String, String>();
        map.put("start", start);
        map.put("end", end);
        return map;
    }

    private static boolean isDay(String value) {
        for (var day : DayOfWeek.values()) {
            if (day.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
