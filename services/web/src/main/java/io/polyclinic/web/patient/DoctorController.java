package io.polyclinic.web.patient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The doctor card: who they are, their clinics, their free times of the next week grouped by day (in each
 * clinic's zone, shown), and the reviews of verified visits.
 */
@Controller
public class DoctorController {

    /** How many days of free times the card shows. */
    static final int DAYS_SHOWN = 7;

    private final BookingApi booking;
    private final io.polyclinic.web.view.Formats formats;

    public DoctorController(BookingApi booking, io.polyclinic.web.view.Formats formats) {
        this.booking = booking;
        this.formats = formats;
    }

    @GetMapping("/doctors/{id}")
    String card(@PathVariable UUID id, @RequestParam(defaultValue = "0") int reviewPage, Model model) {
        var doctor = booking.card(id);
        model.addAttribute("doctor", doctor);
        model.addAttribute(
                "slotsByDay",
                slotsByDay(
                        doctor,
                        booking.freeSlots(id, today(doctor), today(doctor).plusDays(DAYS_SHOWN))));
        model.addAttribute("reviews", booking.reviews(id, Math.max(0, Math.min(reviewPage, 1000))));
        return "patient/doctor";
    }

    /** Today in the doctor's first clinic's zone (the API's dates are the clinics' local dates). */
    private LocalDate today(BookingApi.Doctor doctor) {
        var clinic = doctor.clinic(null);
        return LocalDate.now(clinic == null ? ZoneId.of("UTC") : formats.zone(clinic.timeZone()));
    }

    /** The free slots by local day of their clinic, in order. */
    static LinkedHashMap<LocalDate, List<BookingApi.Slot>> slotsByDay(
            BookingApi.Doctor doctor, List<BookingApi.Slot> slots) {
        var byDay = new LinkedHashMap<LocalDate, List<BookingApi.Slot>>();
        for (var slot : slots) {
            var clinic = doctor.clinic(slot.clinicId());
            var zone = clinic == null ? ZoneId.of("UTC") : ZoneId.of(clinic.timeZone());
            byDay.computeIfAbsent(slot.start().atZone(zone).toLocalDate(), day -> new java.util.ArrayList<>())
                    .add(slot);
        }
        return byDay;
    }
}
