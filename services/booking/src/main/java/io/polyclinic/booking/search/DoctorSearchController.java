package io.polyclinic.booking.search;

import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.contracts.Language;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public doctor search and card.
 *
 * <p>{@code GET /api/v1/doctors?name=&specialty=&status=&city=&date=|from=&to=&lat=&lon=&radiusKm=&sort=&page=&size=}:
 * dates are local dates in each clinic's zone ({@code yyyy-MM-dd}, inclusive, at most 31 days); {@code lat}/{@code lon}
 * in degrees with {@code radiusKm} (default 25, at most 500) keep doctors with a clinic in that circle and add
 * {@code distanceKm} to each hit; {@code sort} is relevance|rating|nearestSlot|distance|name. Every filter combines
 * with the others, and each hit's {@code nearestFreeSlot} matches them all. Specialty names follow
 * {@code Accept-Language} (Russian when preferred over English by q-value, else English; see {@link Language}).
 */
@RestController
@RequestMapping("/api/v1/doctors")
public class DoctorSearchController {

    private final DoctorSearchService doctors;
    private final SearchProperties searchProperties;

    public DoctorSearchController(DoctorSearchService doctors, SearchProperties searchProperties) {
        this.doctors = doctors;
        this.searchProperties = searchProperties;
    }

    /** A page of {@link DoctorView}s; 400 for bad parameters. */
    @GetMapping
    public PageResponse<DoctorView> search(
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Size(max = 50) String specialty,
            @RequestParam(required = false) DoctorStatus status,
            @RequestParam(required = false) @Size(max = 100) String city,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double radiusKm,
            @RequestParam(required = false) @Size(max = 20) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestHeader(value = "Accept-Language", required = false) @Size(max = 200) String acceptLanguage) {
        var near = GeoCircle.of(lat, lon, radiusKm, searchProperties.defaultRadiusKm(), searchProperties.maxRadiusKm());
        var criteria = DoctorSearchCriteria.of(name, specialty, status, city, null, date, from, to, near, sort, false);
        return doctors.search(criteria, PageQuery.of(page, size), Language.ofAcceptLanguage(acceptLanguage));
    }

    /** The doctor card; 404 when unknown. */
    @GetMapping("/{id}")
    public DoctorCard card(
            @PathVariable UUID id,
            @RequestHeader(value = "Accept-Language", required = false) @Size(max = 200) String acceptLanguage) {
        return doctors.card(id, Language.ofAcceptLanguage(acceptLanguage));
    }
}
