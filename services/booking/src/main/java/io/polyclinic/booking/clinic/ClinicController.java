package io.polyclinic.booking.clinic;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public clinic catalogue: {@code GET /api/v1/clinics?city=&page=&size=} and {@code GET /api/v1/clinics/{id}}. */
@RestController
@RequestMapping("/api/v1/clinics")
public class ClinicController {

    private final ClinicService clinics;

    public ClinicController(ClinicService clinics) {
        this.clinics = clinics;
    }

    /** A page of clinics by name; {@code city} filters case-insensitively. */
    @GetMapping
    public PageResponse<Clinic> list(
            @RequestParam(required = false) @Size(max = 100) String city,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return clinics.list(city, PageQuery.of(page, size));
    }

    /** One clinic; 404 when unknown. */
    @GetMapping("/{id}")
    public Clinic get(@PathVariable UUID id) {
        return clinics.get(id);
    }
}
