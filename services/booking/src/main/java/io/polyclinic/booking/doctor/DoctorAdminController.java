package io.polyclinic.booking.doctor;

import io.polyclinic.booking.search.DoctorCard;
import io.polyclinic.booking.search.DoctorSearchCriteria;
import io.polyclinic.booking.search.DoctorSearchService;
import io.polyclinic.booking.search.DoctorView;
import io.polyclinic.booking.search.GeoCircle;
import io.polyclinic.booking.search.SearchProperties;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.contracts.Language;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Doctor administration under {@code /api/v1/admin/doctors} (ADMIN, or CLINIC_MANAGER for doctors of their
 * clinics): register, edit, change status, get, and search by name, specialty, status, clinic id, city and distance
 * ({@code lat}, {@code lon}, {@code radiusKm}).
 */
@RestController
@RequestMapping("/api/v1/admin/doctors")
public class DoctorAdminController {

    private final DoctorService doctors;
    private final DoctorSearchService search;
    private final SearchProperties searchProperties;

    public DoctorAdminController(DoctorService doctors, DoctorSearchService search, SearchProperties searchProperties) {
        this.doctors = doctors;
        this.search = search;
        this.searchProperties = searchProperties;
    }

    /** Registers a doctor: 201 + Location + the card; 404 unknown specialty/clinic; 403 foreign clinic. */
    @PostMapping
    public ResponseEntity<DoctorCard> register(AuthenticatedUser user, @Valid @RequestBody DoctorRequest request) {
        var card = doctors.register(user, request);
        return ResponseEntity.created(URI.create("/api/v1/doctors/" + card.id()))
                .body(card);
    }

    /** Replaces a doctor's fields, specialties and clinics. */
    @PutMapping("/{id}")
    public DoctorCard update(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody DoctorRequest request) {
        return doctors.update(user, id, request);
    }

    /** Changes the status: {@code {"status":"ACTIVE|ON_LEAVE|INACTIVE"}}. */
    @PatchMapping("/{id}/status")
    public DoctorCard changeStatus(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody DoctorStatusRequest request) {
        return doctors.changeStatus(user, id, request.status());
    }

    @GetMapping("/{id}")
    public DoctorCard get(@PathVariable UUID id) {
        return search.card(id, Language.EN);
    }

    /** Admin search: the public filters plus {@code clinicId}. */
    @GetMapping
    public PageResponse<DoctorView> search(
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Size(max = 50) String specialty,
            @RequestParam(required = false) DoctorStatus status,
            @RequestParam(required = false) @Size(max = 100) String city,
            @RequestParam(required = false) UUID clinicId,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate date,
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double radiusKm,
            @RequestParam(required = false) @Size(max = 20) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var near = GeoCircle.of(lat, lon, radiusKm, searchProperties.defaultRadiusKm(), searchProperties.maxRadiusKm());
        var criteria =
                DoctorSearchCriteria.of(name, specialty, status, city, clinicId, date, null, null, near, sort, true);
        return search.search(criteria, PageQuery.of(page, size), Language.EN);
    }
}
