package io.polyclinic.booking.specialty;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Specialties: {@code GET /api/v1/specialties?page=&size=} (public), {@code GET|POST /api/v1/admin/specialties} and
 * {@code PUT /api/v1/admin/specialties/{code}} (ADMIN; the admin GET is open to CLINIC_MANAGER too). Both lists answer
 * a page, {@code {"items":[{"code","nameRu","nameEn"}...],"page","size","totalItems","totalPages"}}, by code; their
 * {@code size} (1..100) defaults to the cap, 100, so one page usually holds the whole catalogue.
 */
@RestController
public class SpecialtyController {

    private final SpecialtyService specialties;

    public SpecialtyController(SpecialtyService specialties) {
        this.specialties = specialties;
    }

    /** A page of specialties by code ({@code page} default 0, {@code size} default 100); 400 for a bad page/size. */
    @GetMapping("/api/v1/specialties")
    public PageResponse<Specialty> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return specialties.list(pageQuery(page, size));
    }

    /** The same page as {@link #list} for the admin UI. */
    @GetMapping("/api/v1/admin/specialties")
    public PageResponse<Specialty> adminList(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return specialties.list(pageQuery(page, size));
    }

    /** 201 + Location; 409 when the code exists. */
    @PostMapping("/api/v1/admin/specialties")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Specialty> create(AuthenticatedUser user, @Valid @RequestBody SpecialtyRequest request) {
        var specialty = specialties.create(user, request);
        return ResponseEntity.created(URI.create("/api/v1/admin/specialties/" + specialty.code()))
                .body(specialty);
    }

    /** Renames; 404 for an unknown code. */
    @PutMapping("/api/v1/admin/specialties/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    public Specialty update(
            AuthenticatedUser user,
            @PathVariable @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String code,
            @Valid @RequestBody SpecialtyRequest request) {
        return specialties.update(user, code, request);
    }

    /** The catalogue usually fits in the cap, so a missing {@code size} asks for 100, not the usual 20. */
    private static PageQuery pageQuery(Integer page, Integer size) {
        return PageQuery.of(page, size == null ? PageQuery.MAX_SIZE : size);
    }
}
