package io.polyclinic.booking.doctor;

import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicRepository;
import io.polyclinic.booking.config.BookingProperties;
import io.polyclinic.booking.doctor.DoctorView.SpecialtyRef;
import io.polyclinic.booking.event.BookingEvents;
import io.polyclinic.booking.shared.LocalDateRange;
import io.polyclinic.booking.specialty.SpecialtyRepository;
import io.polyclinic.contracts.events.DoctorEventData;
import io.polyclinic.contracts.events.EventTypes;
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

/** Use cases of doctors: search and card (public), register, edit and status change (admin or clinic manager). */
@Service
public class DoctorService {

    private final DoctorRepository doctors;
    private final DoctorSearchRepository search;
    private final SpecialtyRepository specialties;
    private final ClinicRepository clinics;
    private final ClinicAccess access;
    private final BookingEvents events;
    private final BookingProperties properties;
    private final Clock clock;

    public DoctorService(
            DoctorRepository doctors,
            DoctorSearchRepository search,
            SpecialtyRepository specialties,
            ClinicRepository clinics,
            ClinicAccess access,
            BookingEvents events,
            BookingProperties properties,
            Clock clock) {
        this.doctors = doctors;
        this.search = search;
        this.specialties = specialties;
        this.clinics = clinics;
        this.access = access;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Searches doctors.
     *
     * @param language {@code ru} or {@code en}: the language of specialty names
     * @throws InvalidRequestException (400) for an inverted or too wide date range
     */
    public PageResponse<DoctorView> search(DoctorSearchCriteria criteria, PageQuery page, String language) {
        if (criteria.from() != null && criteria.to() != null) {
            LocalDateRange.of(criteria.from(), criteria.to(), properties.maxSlotRangeDays());
        }
        var bookableFrom = bookableFrom();
        var hits = search.search(criteria, bookableFrom, page.offset(), page.size());
        var total = hits.isEmpty() && page.page() == 0 ? 0 : search.count(criteria, bookableFrom);
        return PageResponse.of(views(hits, language), page, total);
    }

    /** The doctor card. @throws NotFoundException (404) for an unknown id */
    public DoctorCard card(UUID id, String language) {
        var doctor = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        var hit = new DoctorSearchRepository.Hit(
                doctor.id(),
                doctor.fullName(),
                doctor.status(),
                doctor.rating(),
                doctor.reviewCount(),
                search.nearestSlot(id, bookableFrom()));
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
        publish(EventTypes.DOCTOR_REGISTERED, doctor);
        return card(doctor.id(), "en");
    }

    /**
     * Edits a doctor (and appends DoctorUpdated); a CLINIC_MANAGER must manage one of the doctor's clinics and every clinic added or removed.
     * The doctor's future AVAILABLE slots in a removed clinic become BLOCKED, so they can no longer be booked (BOOKED
     * ones stay: their appointments are cancelled by staff).
     *
     * @throws NotFoundException (404) for an unknown doctor, specialty or clinic; 403 for a foreign doctor
     */
    @Transactional
    public DoctorCard update(AuthenticatedUser user, UUID id, DoctorRequest request) {
        var current = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        access.requireManagesAny(user, current.clinicIds());
        var changed = new HashSet<>(current.clinicIds());
        changed.addAll(request.clinicIds());
        var kept = new HashSet<>(current.clinicIds());
        kept.retainAll(request.clinicIds());
        changed.removeAll(kept);
        access.requireManagesAll(user, changed);
        checkReferences(request);
        var edited = doctorFrom(id, request, current.status());
        doctors.update(edited);
        publish(EventTypes.DOCTOR_UPDATED, edited);
        var removed = new HashSet<>(current.clinicIds());
        removed.removeAll(request.clinicIds());
        doctors.blockFreeSlots(id, removed, clock.instant());
        return card(id, "en");
    }

    /** Changes a doctor's status (and appends DoctorUpdated). @throws NotFoundException (404); 403 for a foreign doctor */
    @Transactional
    public DoctorCard changeStatus(AuthenticatedUser user, UUID id, DoctorStatus status) {
        var current = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        access.requireManagesAny(user, current.clinicIds());
        doctors.updateStatus(id, status);
        events.publish(EventTypes.DOCTOR_UPDATED, id, new DoctorEventData(id, current.fullName(), status.name()));
        return card(id, "en");
    }

    private void publish(String type, Doctor doctor) {
        events.publish(
                type,
                doctor.id(),
                new DoctorEventData(
                        doctor.id(), doctor.fullName(), doctor.status().name()));
    }

    /** Free slots count from now plus the minimum notice: a slot shown as free can be booked. */
    private Instant bookableFrom() {
        return clock.instant().plus(properties.minNotice());
    }

    private List<DoctorView> views(List<DoctorSearchRepository.Hit> hits, String language) {
        var ids = hits.stream().map(DoctorSearchRepository.Hit::id).toList();
        Map<UUID, List<SpecialtyRef>> specialtiesById = new HashMap<>();
        for (var row : search.specialtiesOf(ids)) {
            specialtiesById
                    .computeIfAbsent(row.doctorId(), k -> new ArrayList<>())
                    .add(new SpecialtyRef(row.code(), "ru".equals(language) ? row.nameRu() : row.nameEn()));
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
                        h.nearest()))
                .toList();
    }

    private void checkReferences(DoctorRequest request) {
        var codes = new LinkedHashSet<>(request.specialties());
        var known = new HashSet<>(specialties.existingCodes(codes));
        for (var code : codes) {
            if (!known.contains(code)) {
                throw new NotFoundException("specialty", code);
            }
        }
        var ids = new LinkedHashSet<>(request.clinicIds());
        var knownClinics = new HashSet<UUID>();
        clinics.findAllById(ids).forEach(c -> knownClinics.add(c.id()));
        for (var id : ids) {
            if (!knownClinics.contains(id)) {
                throw new NotFoundException("clinic", id);
            }
        }
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
