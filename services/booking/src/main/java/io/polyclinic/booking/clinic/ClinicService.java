package io.polyclinic.booking.clinic;

import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use cases of clinics: the public list, and admin/manager create and update. */
@Service
public class ClinicService {

    private final ClinicRepository clinics;
    private final ClinicAccess access;
    private final SideEffects effects;

    public ClinicService(ClinicRepository clinics, ClinicAccess access, SideEffects effects) {
        this.clinics = clinics;
        this.access = access;
        this.effects = effects;
    }

    /** A page of clinics ordered by name, optionally in one city (case-insensitive). */
    public PageResponse<Clinic> list(String city, PageQuery page) {
        var normalized = city == null || city.isBlank() ? null : city.strip();
        return PageResponse.of(
                clinics.findPage(normalized, page.offset(), page.size()), page, clinics.count(normalized));
    }

    /** @throws NotFoundException (404) for an unknown id */
    public Clinic get(UUID id) {
        return clinics.findById(id).orElseThrow(() -> new NotFoundException("clinic", id));
    }

    /**
     * Checks that every clinic exists.
     *
     * @param ids in the order the caller gave them
     * @throws NotFoundException (404) naming the first unknown id
     */
    public void requireAll(Collection<UUID> ids) {
        var known = new HashSet<UUID>();
        clinics.findAllById(ids).forEach(c -> known.add(c.id()));
        for (var id : ids) {
            if (!known.contains(id)) {
                throw new NotFoundException("clinic", id);
            }
        }
    }

    /** Creates a clinic (ADMIN only, checked by the controller). @throws InvalidRequestException (400) for an unknown zone */
    @Transactional
    public Clinic create(AuthenticatedUser user, ClinicRequest request) {
        var clinic = toClinic(Ids.newId(), request);
        clinics.insert(clinic);
        effects.start()
                .audit(new AuditEntry(
                        user.id(), "CLINIC_CREATED", "clinic", clinic.id().toString(), Map.of("after", clinic)))
                .apply();
        return clinic;
    }

    /**
     * Replaces a clinic's fields; a CLINIC_MANAGER may update only their own clinics.
     *
     * @throws NotFoundException (404), {@link ClinicAccess.NotClinicManagerException} (403),
     *     InvalidRequestException (400) for an unknown zone
     */
    @Transactional
    public Clinic update(AuthenticatedUser user, UUID id, ClinicRequest request) {
        var before = get(id);
        access.requireManages(user, id);
        var clinic = toClinic(id, request);
        clinics.update(clinic);
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "CLINIC_UPDATED",
                        "clinic",
                        id.toString(),
                        Map.of("before", before, "after", clinic)))
                .evictAll()
                .apply();
        return clinic;
    }

    /**
     * Validates an IANA zone id such as {@code Asia/Vladivostok}: Java and PostgreSQL must both know it, since slot
     * dates are computed in SQL with {@code at time zone} (Java accepts some, e.g. {@code SystemV/AST4}, that
     * PostgreSQL does not).
     */
    private String validZone(String zone) {
        var id = zone.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id) || !clinics.isKnownTimeZone(id)) {
            throw new InvalidRequestException(
                    "timeZone", "timeZone must be an IANA time zone id such as Europe/Moscow.");
        }
        return id;
    }

    private Clinic toClinic(UUID id, ClinicRequest r) {
        return new Clinic(
                id,
                r.name().strip(),
                r.address().strip(),
                r.city().strip(),
                r.latitude(),
                r.longitude(),
                validZone(r.timeZone()),
                r.phone() == null || r.phone().isBlank() ? null : r.phone().strip());
    }
}
