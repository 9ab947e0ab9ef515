package io.polyclinic.booking.clinic;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinic administration under {@code /api/v1/admin/clinics}: create (ADMIN), update (ADMIN or the clinic's
 * manager), get, list. Which clinics a manager runs is assigned in identity and arrives in the token (decision 0027).
 */
@RestController
@RequestMapping("/api/v1/admin/clinics")
public class ClinicAdminController {

    private final ClinicService clinics;

    public ClinicAdminController(ClinicService clinics) {
        this.clinics = clinics;
    }

    /** Creates a clinic: 201 + Location; 400 for invalid fields or an unknown time zone. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Clinic> create(AuthenticatedUser user, @Valid @RequestBody ClinicRequest request) {
        var clinic = clinics.create(user, request);
        return ResponseEntity.created(URI.create("/api/v1/admin/clinics/" + clinic.id()))
                .body(clinic);
    }

    /** Replaces a clinic's fields; 403 for a manager of another clinic; 404 when unknown. */
    @PutMapping("/{id}")
    public Clinic update(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody ClinicRequest request) {
        return clinics.update(user, id, request);
    }

    @GetMapping("/{id}")
    public Clinic get(@PathVariable UUID id) {
        return clinics.get(id);
    }

    @GetMapping
    public PageResponse<Clinic> list(
            @RequestParam(required = false) @Size(max = 100) String city,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return clinics.list(city, PageQuery.of(page, size));
    }
}
