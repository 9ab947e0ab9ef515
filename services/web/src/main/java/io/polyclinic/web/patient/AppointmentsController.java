package io.polyclinic.web.patient;

import io.polyclinic.web.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My appointments: upcoming and past, one appointment's page, cancel (within the booking rules, whose message the
 * API gives), reschedule to another free time of the same doctor, and a review after a completed visit. Another
 * person's appointment is a 404 page, as the API answers.
 */
@Controller
public class AppointmentsController {

    private final BookingApi booking;

    public AppointmentsController(BookingApi booking) {
        this.booking = booking;
    }

    @GetMapping("/me/appointments")
    String list(
            @RequestParam(defaultValue = "upcoming") String scope,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var which = scope.equals("past") ? "past" : "upcoming";
        model.addAttribute("scope", which);
        model.addAttribute("appointments", booking.mine(which, Math.max(0, Math.min(page, 1000))));
        return "patient/appointments";
    }

    @GetMapping("/me/appointments/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("appointment", booking.appointment(id));
        return "patient/appointment";
    }

    @PostMapping("/me/appointments/{id}/cancel")
    String cancel(@PathVariable UUID id, HttpServletResponse response, Model model) {
        try {
            booking.cancel(id);
            return "redirect:/me/appointments/" + id + "?cancelled=true";
        } catch (ApiException e) {
            return problemOnAppointment(id, e, response, model);
        }
    }

    @GetMapping("/me/appointments/{id}/reschedule")
    String reschedulePage(@PathVariable UUID id, Model model) {
        var appointment = booking.appointment(id);
        model.addAttribute("appointment", appointment);
        var zone = ZoneId.of(appointment.clinicTimeZone());
        var today = LocalDate.now(zone);
        var doctor = booking.card(appointment.doctorId());
        model.addAttribute("doctor", doctor);
        model.addAttribute(
                "slotsByDay",
                DoctorController.slotsByDay(
                        doctor,
                        booking.freeSlots(appointment.doctorId(), today, today.plusDays(DoctorController.DAYS_SHOWN))));
        return "patient/reschedule";
    }

    @PostMapping("/me/appointments/{id}/reschedule")
    String reschedule(@PathVariable UUID id, @RequestParam UUID slotId, HttpServletResponse response, Model model) {
        try {
            booking.reschedule(id, slotId);
            return "redirect:/me/appointments/" + id + "?rescheduled=true";
        } catch (ApiException e) {
            return problemOnAppointment(id, e, response, model);
        }
    }

    @GetMapping("/me/appointments/{id}/review")
    String reviewPage(@PathVariable UUID id, Model model) {
        model.addAttribute("appointment", booking.appointment(id));
        model.addAttribute("rating", 5);
        model.addAttribute("text", "");
        return "patient/review";
    }

    @PostMapping("/me/appointments/{id}/review")
    String review(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int rating,
            @RequestParam(defaultValue = "") String text,
            HttpServletResponse response,
            Model model) {
        var appointment = booking.appointment(id);
        var clipped = text.length() > 2000 ? text.substring(0, 2000) : text;
        try {
            booking.review(appointment.doctorId(), id, rating, clipped);
            return "redirect:/doctors/" + appointment.doctorId() + "?reviewed=true";
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409 && e.status() != 422) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("appointment", appointment);
            model.addAttribute("rating", rating);
            model.addAttribute("text", clipped);
            model.addAttribute("fieldErrors", e.fieldErrors());
            model.addAttribute("formError", e.detail());
            return "patient/review";
        }
    }

    /** The appointment's page again with the API's message (a rule broken, a time taken meanwhile). */
    private String problemOnAppointment(UUID id, ApiException e, HttpServletResponse response, Model model) {
        if (e.status() != 409 && e.status() != 422 && e.status() != 400) {
            throw e;
        }
        response.setStatus(e.status());
        model.addAttribute("appointment", booking.appointment(id));
        model.addAttribute("problem", e.status() == 409 ? null : e.detail());
        model.addAttribute("conflict", e.status() == 409);
        return "patient/appointment";
    }
}
