package io.polyclinic.web.patient;

import io.polyclinic.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Booking a free time: a confirmation page (doctor, clinic, time in the clinic's zone), then the booking itself. When
 * the time was taken meanwhile the page says so and offers the doctor's other times; the person's booking limits and
 * rules come back as the API's message. A tracked visit's session id ({@link TrackerSessions}) goes with the booking.
 */
@Controller
public class BookingController {

    private final BookingApi booking;

    public BookingController(BookingApi booking) {
        this.booking = booking;
    }

    @GetMapping("/book/{doctorId}/{slotId}")
    String confirm(
            @PathVariable UUID doctorId,
            @PathVariable UUID slotId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("trackerSessionId", TrackerSessions.of(request));
        var doctor = booking.card(doctorId);
        model.addAttribute("doctor", doctor);
        model.addAttribute("day", day);
        var slot = booking.freeSlots(doctorId, day, day).stream()
                .filter(s -> s.id().equals(slotId))
                .findFirst();
        if (slot.isEmpty()) {
            response.setStatus(409);
            model.addAttribute("taken", true);
            return "patient/book";
        }
        model.addAttribute("slot", slot.get());
        model.addAttribute("clinic", doctor.clinic(slot.get().clinicId()));
        return "patient/book";
    }

    @PostMapping("/book/{doctorId}/{slotId}")
    String book(
            @PathVariable UUID doctorId,
            @PathVariable UUID slotId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            var appointment = booking.book(slotId, TrackerSessions.of(request));
            return "redirect:/me/appointments/" + appointment.id() + "?booked=true";
        } catch (ApiException e) {
            if (e.status() != 409 && e.status() != 422 && e.status() != 404) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("doctor", booking.card(doctorId));
            model.addAttribute("day", day);
            if (e.status() == 422) {
                model.addAttribute("ruleMessage", e.detail());
            } else {
                model.addAttribute("taken", true);
            }
            return "patient/book";
        }
    }
}
