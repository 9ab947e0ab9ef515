package io.polyclinic.web.patient;

import io.polyclinic.web.api.ApiException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The start page: find a doctor by name, specialty, city, a day with a free slot, or near the browser's location, and
 * sort the results; each result shows the rating and the nearest free slot. An htmx request (the form submitted in
 * place) gets only the results.
 */
@Controller
public class SearchController {

    private final BookingApi booking;

    public SearchController(BookingApi booking) {
        this.booking = booking;
    }

    @GetMapping("/")
    String search(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lon,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        var form = new SearchForm(name, specialty, city, date, lat, lon, sort, page);
        model.addAttribute("form", form);
        try {
            model.addAttribute("results", booking.search(form));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            model.addAttribute("results", null);
            model.addAttribute("searchError", e.detail());
        }
        if (htmx != null) {
            return "patient/search :: results";
        }
        model.addAttribute("specialties", specialtiesOrNone());
        return "patient/search";
    }

    private List<BookingApi.Specialty> specialtiesOrNone() {
        try {
            return booking.specialties();
        } catch (ApiException e) {
            return List.of();
        }
    }
}
