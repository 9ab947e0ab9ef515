package io.polyclinic.booking.doctor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.booking.config.SearchProperties;
import io.polyclinic.booking.doctor.DoctorView.SpecialtyRef;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.shared.LocalDateRange;
import io.polyclinic.booking.specialty.SpecialtyService;
import io.polyclinic.contracts.Language;
import io.polyclinic.contracts.events.DoctorEventData;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of doctors: search and card (public, served through {@link BookingCache}), register, edit and status
 * change (admin or clinic manager, each evicting the doctor's cached card and every cached search page). Search
 * latency, cache hits included, is the timer {@code polyclinic.search.latency}.
 */
@Service
public class DoctorService {

    private final DoctorRepository doctors;
    private final DoctorSearchRepository search;
    private final SpecialtyService specialties;
    private final ClinicService clinics;
    private final ClinicAccess access;
    private final SideEffects effects;
    private final BookingProperties properties;
    private final SearchProperties searchProperties;
    private final BookingCache cache;
    private final Timer searchLatency;
    private final Clock clock;

    public DoctorService(
            DoctorRepository doctors,
            DoctorSearchRepository search,
            SpecialtyService specialties,
            ClinicService clinics,
            ClinicAccess access,
            SideEffects effects,
            BookingProperties properties,
            SearchProperties searchProperties,
            BookingCache cache,
            MeterRegistry meters,
            Clock clock) {
        this.doctors = doctors;
        this.search = search;
        this.specialties = specialties;
        this.clinics = clinics;
        this.access = access;
        this.effects = effects;
        this.properties = properties;
        this.searchProperties = searchProperties;
        this.cache = cache;
        this.searchLatency = Timer.builder("polyclinic.search.latency")
                .description("Doctor search (GET /api/v1/doctors and the admin search), cache hits included")
                .publishPercentileHistogram()
                .register(meters);
        this.clock = clock;
    }

    /**
     * Searches doctors: {@code totalItems} counts up to {@code polyclinic.booking.search.max-results}, and pages
     * beyond that are empty.
     *
     * @param language the language of specialty names
     * @throws InvalidRequestException (400) for an inverted or too wide date range
     */
    public PageResponse<DoctorView> search(DoctorSearchCriteria criteria, PageQuery page, Language language) {
        if (criteria.from() != null && criteria.to() != null) {
            LocalDateRange.of(criteria.from(), criteria.to(), properties.maxSlotRangeDays());
        }
        var start = System.nanoTime();
        try {
            var key = language.tag() + ":" + page.page() + ":" + page.size() + ":" + criteria;
            @SuppressWarnings("unchecked")
            PageResponse<DoctorView> result =
                    cache.search(key, PageResponse.class, () -> load(criteria, page, language), p -> fresh(p.items()));
            return result;
        } finally {
            searchLatency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private PageResponse<DoctorView> load(DoctorSearchCriteria exact, PageQuery page, Language language) {
        var criteria = exact;
        var bookableFrom = bookableFrom();
        var cap = searchProperties.maxResults();
        var candidates = search.candidates(criteria, bookableFrom, cap);
        var fuzzy = criteria.withTypoTolerance(true);
        if (candidates.isEmpty() && DoctorSearchRepository.typoTolerant(fuzzy)) {
            // nothing as typed: forgive a typo (trigram word similarity)
            criteria = fuzzy;
            candidates = search.candidates(criteria, bookableFrom, cap);
        }
        long total = candidates.size();
        if (total == 0 || page.offset() >= total) {
            return PageResponse.of(List.of(), page, total);
        }
        var limit = (int) Math.min(page.size(), total - page.offset());
        var hits = search.search(criteria, bookableFrom, page.offset(), limit, candidates, cap);
        return PageResponse.of(views(hits, language), page, total);
    }

    /** Whether cached hits still show bookable nearest slots (time moves them into the min-notice window). */
    private boolean fresh(List<?> views) {
        var bookableFrom = bookableFrom();
        for (var item : views) {
            var slot = item instanceof DoctorView v ? v.nearestFreeSlot() : ((DoctorCard) item).nearestFreeSlot();
            if (slot != null && !slot.start().isAfter(bookableFrom)) {
                return false;
            }
        }
        return true;
    }

    /** The doctor card. @throws NotFoundException (404) for an unknown id */
    public DoctorCard card(UUID id, Language language) {
        return cache.card(id, language, DoctorCard.class, () -> loadCard(id, language), c -> fresh(List.of(c)));
    }

    private DoctorCard loadCard(UUID id, Language language) {
        var doctor = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        var hit = new DoctorSearchRepository.Hit(
                doctor.id(),
                doctor.fullName(),
                doctor.status(),
                doctor.rating(),
                doctor.reviewCount(),
                search.nearestSlot(id, bookableFrom()),
                null);
        var view = views(List.of(hit), language).getFirst();
        return DoctorCard.of(view, doctor);
    }

    /**
     * Registers a doctor (and appends DoctorRegistered); a CLINIC_MANAGER only into clinics they manage.
     *
     * @throws NotFoundException (404) for an unknown specialty code or clinic id; 403 for a foreign clinic
     */
    @Transactional
    public DoctorCard register(AuthenticatedUser user, DoctorRequest request) {
        access.requireManagesAll(user, request.clinicIds());
        checkReferences(request);
        var doctor = doctorFrom(Ids.newId(), request, DoctorStatus.ACTIVE);
        doctors.insert(doctor);
        effects.start()
                .audit(new AuditEntry(
                        user.id(), "DOCTOR_REGISTERED", "doctor", doctor.id().toString(), Map.of("after", doctor)))
                .event(EventTypes.DOCTOR_REGISTERED, doctor.id(), eventData(doctor))
                .evictDoctor(doctor.id())
                .apply();
        return loadCard(doctor.id(), Language.EN);
    }

    /**
     * Edits a doctor (and appends DoctorUpdated); a CLINIC_MANAGER must manage every clinic the doctor works in
     * before and after the edit, since the doctor's card is shared by all of them.
     * The doctor's future AVAILABLE slots in a removed clinic become BLOCKED, so they can no longer be booked (BOOKED
     * ones stay: their appointments are cancelled by staff).
     *
     * @throws NotFoundException (404) for an unknown doctor, specialty or clinic; 403 for a foreign doctor
     */
    @Transactional
    public DoctorCard update(AuthenticatedUser user, UUID id, DoctorRequest request) {
        var current = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        var touched = new HashSet<>(current.clinicIds());
        touched.addAll(request.clinicIds());
        access.requireManagesAll(user, touched);
        checkReferences(request);
        var updated = doctorFrom(id, request, current.status());
        doctors.update(updated);
        var removed = new HashSet<>(current.clinicIds());
        removed.removeAll(request.clinicIds());
        doctors.blockFreeSlots(id, removed, clock.instant());
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "DOCTOR_UPDATED",
                        "doctor",
                        id.toString(),
                        Map.of("before", current, "after", updated)))
                .event(EventTypes.DOCTOR_UPDATED, id, eventData(updated))
                .evictDoctor(id)
                .apply();
        return loadCard(id, Language.EN);
    }

    /**
     * Changes a doctor's status (and appends DoctorUpdated); a CLINIC_MANAGER must manage every clinic the doctor
     * works in, since the status applies in all of them.
     *
     * @throws NotFoundException (404); 403 when the caller does not manage all the doctor's clinics
     */
    @Transactional
    public DoctorCard changeStatus(AuthenticatedUser user, UUID id, DoctorStatus status) {
        var current = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        access.requireManagesAll(user, current.clinicIds());
        doctors.updateStatus(id, status);
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "DOCTOR_STATUS_CHANGED",
                        "doctor",
                        id.toString(),
                        Map.of("before", current.status(), "after", status)))
                .event(EventTypes.DOCTOR_UPDATED, id, new DoctorEventData(id, current.fullName(), status.name()))
                .evictDoctor(id)
                .apply();
        return loadCard(id, Language.EN);
    }

    private static DoctorEventData eventData(Doctor doctor) {
        return new DoctorEventData(
                doctor.id(), doctor.fullName(), doctor.status().name());
    }

    /**
     * The doctor's stored record (no search data such as the nearest free slot).
     *
     * @throws NotFoundException (404) for an unknown id
     */
    public Doctor require(UUID id) {
        return doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
    }

    /** Whether the doctor works in the clinic (both may be unknown: then false). */
    public boolean worksIn(UUID doctorId, UUID clinicId) {
        return doctors.worksIn(doctorId, clinicId);
    }

    /** Free slots count from now plus the minimum notice: a slot shown as free can be booked. */
    private Instant bookableFrom() {
        return clock.instant().plus(properties.minNotice());
    }

    private List<DoctorView> views(List<DoctorSearchRepository.Hit> hits, Language language) {
        var ids = hits.stream().map(DoctorSearchRepository.Hit::id).toList();
        Map<UUID, List<SpecialtyRef>> specialtiesById = new HashMap<>();
        for (var row : search.specialtiesOf(ids)) {
            specialtiesById
                    .computeIfAbsent(row.doctorId(), k -> new ArrayList<>())
                    .add(new SpecialtyRef(row.code(), language == Language.RU ? row.nameRu() : row.nameEn()));
        }
        var clinicsById = search.clinicsOf(ids);
        return hits.stream()
                .map(h -> new DoctorView(
                        h.id(),
                        h.fullName(),
                        List.copyOf(specialtiesById.getOrDefault(h.id(), List.of())),
                        h.status(),
                        List.copyOf(clinicsById.getOrDefault(h.id(), List.of())),
                        h.rating(),
                        h.reviewCount(),
                        h.nearest(),
                        h.distanceKm()))
                .toList();
    }

    private void checkReferences(DoctorRequest request) {
        specialties.requireAll(new LinkedHashSet<>(request.specialties()));
        clinics.requireAll(new LinkedHashSet<>(request.clinicIds()));
    }

    private static Doctor doctorFrom(UUID id, DoctorRequest r, DoctorStatus defaultStatus) {
        return new Doctor(
                id,
                r.fullName().strip(),
                r.bio(),
                r.experienceYears(),
                r.photoUrl(),
                r.status() == null ? defaultStatus : r.status(),
                0,
                0,
                List.copyOf(new LinkedHashSet<>(r.specialties())),
                List.copyOf(new LinkedHashSet<>(r.clinicIds())));
    }
}
