package io.polyclinic.booking.specialty;

import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Specialties: {@code GET /api/v1/specialties} (public), {@code GET|POST /api/v1/admin/specialties} and
 * {@code PUT /api/v1/admin/specialties/{code}} (ADMIN).
 */
@RestController
public class SpecialtyController {

    private final SpecialtyService specialties;

    public SpecialtyController(SpecialtyService specialties) {
        this.specialties = specialties;
    }

    /** All specialties: {@code [{"code","nameRu","nameEn"}]} by code. */
    @GetMapping("/api/v1/specialties")
    public List<Specialty> list() {
        return specialties.list();
    }

    @GetMapping("/api/v1/admin/specialties")
    public List<Specialty> adminList() {
        return specialties.list();
    }

    /** 201 + Location; 409 when the code exists. */
    @PostMapping("/api/v1/admin/specialties")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Specialty> create(AuthenticatedUser user, @Valid @RequestBody SpecialtyRequest request) {
        var specialty = specialties.create(request);
        return ResponseEntity.created(URI.create("/api/v1/admin/specialties/" + specialty.code()))
                .body(specialty);
    }

    /** Renames; 404 for an unknown code. */
    @PutMapping("/api/v1/admin/specialties/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    public Specialty update(
            @PathVariable @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String code,
            @Valid @RequestBody SpecialtyRequest request) {
        return specialties.update(code, request);
    }
}
