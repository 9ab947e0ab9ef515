package io.polyclinic.booking.doctor;

import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.search.DoctorCard;
import io.polyclinic.booking.search.DoctorSearchService;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.specialty.SpecialtyService;
import io.polyclinic.contracts.Language;
import io.polyclinic.contracts.events.DoctorEventData;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of doctor administration: register, edit and status change (admin or clinic manager, each evicting the
 * doctor's cached card and every cached search page through {@link SideEffects} after commit, and answering with the card as
 * {@link DoctorSearchService} reads it now). Search and the public card are {@link DoctorSearchService}'s.
 */
@Service
public class DoctorService {

    private final DoctorRepository doctors;
    private final DoctorSearchService search;
    private final SpecialtyService specialties;
    private final ClinicService clinics;
    private final ClinicAccess access;
    private final SideEffects effects;
    private final Clock clock;

    public DoctorService(
            DoctorRepository doctors,
            DoctorSearchService search,
            SpecialtyService specialties,
            ClinicService clinics,
            ClinicAccess access,
            SideEffects effects,
            Clock clock) {
        this.doctors = doctors;
        this.search = search;
        this.specialties = specialties;
        this.clinics = clinics;
        this.access = access;
        this.effects = effects;
        this.clock = clock;
    }

    /**
     * Registers a doctor (and appends DoctorRegistered); a CLINIC_MANAGER only into clinics they manage.
     *
     * @throws NotFoundException (404) for an unknown specialty code or clinic id; 403 for a foreign clinic
     */
    @Transactional
    public DoctorCard register(AuthenticatedUser user, DoctorRequest request) {
        var doctor = registerDoctor(user, request, null);
        return search.freshCard(doctor.id(), Language.EN);
    }

    /**
     * Registers a doctor known by an external id (personnel or licence number), as the bulk import does: the same
     * use case as {@link #register}, without building the card.
     *
     * @return the stored doctor
     * @throws org.springframework.dao.DuplicateKeyException when another doctor has the external id
     */
    @Transactional
    public Doctor registerWithExternalId(AuthenticatedUser user, String externalId, DoctorRequest request) {
        return registerDoctor(user, request, externalId);
    }

    /** The doctor with this external id, if any. */
    public Optional<Doctor> findByExternalId(String externalId) {
        return doctors.findIdByExternalId(externalId).flatMap(doctors::findById);
    }

    private Doctor registerDoctor(AuthenticatedUser user, DoctorRequest request, String externalId) {
        access.requireManagesAll(user, request.clinicIds());
        checkReferences(request);
        var doctor = doctorFrom(Ids.newId(), request, null);
        doctors.insert(doctor);
        if (externalId != null) {
            doctors.setExternalId(doctor.id(), externalId);
        }
        effects.start()
                .audit(new AuditEntry(
                        user.id(), "DOCTOR_REGISTERED", "doctor", doctor.id().toString(), Map.of("after", doctor)))
                .event(EventTypes.DOCTOR_REGISTERED, doctor.id(), eventData(doctor))
                .evictDoctor(doctor.id())
                .apply();
        return doctor;
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
        updateDoctor(user, id, request);
        return search.freshCard(id, Language.EN);
    }

    /**
     * The edit use case of {@link #update} without building the card, as the bulk import runs it.
     *
     * @return the stored doctor after the edit
     */
    @Transactional
    public Doctor updateDoctor(AuthenticatedUser user, UUID id, DoctorRequest request) {
        var current = doctors.findById(id).orElseThrow(() -> new NotFoundException("doctor", id));
        var touched = new HashSet<>(current.clinicIds());
        touched.addAll(request.clinicIds());
        access.requireManagesAll(user, touched);
        checkReferences(request);
        var updated = doctorFrom(id, request, current);
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
        return updated;
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
        return search.freshCard(id, Language.EN);
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

    private void checkReferences(DoctorRequest request) {
        specialties.requireAll(new LinkedHashSet<>(request.specialties()));
        clinics.requireAll(new LinkedHashSet<>(request.clinicIds()));
    }

    /**
     * The doctor a request describes; on an edit ({@code current} not null) an omitted status, phone or email keeps the
     * current one (a client that predates the contact fields never clears them), and {@code ""} clears a contact.
     */
    private static Doctor doctorFrom(UUID id, DoctorRequest r, Doctor current) {
        var defaultStatus = current == null ? DoctorStatus.ACTIVE : current.status();
        return new Doctor(
                id,
                r.fullName().strip(),
                r.bio(),
                r.experienceYears(),
                r.photoUrl(),
                contact(r.phone(), current == null ? null : current.phone()),
                contact(r.email(), current == null ? null : current.email()),
                r.status() == null ? defaultStatus : r.status(),
                0,
                0,
                List.copyOf(new LinkedHashSet<>(r.specialties())),
                List.copyOf(new LinkedHashSet<>(r.clinicIds())));
    }

    private static String contact(String requested, String current) {
        if (requested == null) {
            return current;
        }
        var value = requested.strip();
        return value.isEmpty() ? null : value;
    }
}
