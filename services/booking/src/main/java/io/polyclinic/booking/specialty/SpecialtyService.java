package io.polyclinic.booking.specialty;

import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use cases of specialties: list (public, paged), create and rename (ADMIN). */
@Service
public class SpecialtyService {

    private final SpecialtyRepository specialties;
    private final SideEffects effects;

    public SpecialtyService(SpecialtyRepository specialties, SideEffects effects) {
        this.specialties = specialties;
        this.effects = effects;
    }

    /** One page of the specialties, by code. */
    public PageResponse<Specialty> list(PageQuery page) {
        return PageResponse.of(specialties.findPage(page.offset(), page.size()), page, specialties.count());
    }

    /**
     * Checks that every specialty exists.
     *
     * @param codes in the order the caller gave them
     * @throws NotFoundException (404) naming the first unknown code
     */
    public void requireAll(Collection<String> codes) {
        var known = new HashSet<>(specialties.existingCodes(codes));
        for (var code : codes) {
            if (!known.contains(code)) {
                throw new NotFoundException("specialty", code);
            }
        }
    }

    /**
     * Creates a specialty.
     *
     * @throws InvalidRequestException (400) without a code; {@link SpecialtyExistsException} (409) for a taken code
     */
    @Transactional
    public Specialty create(AuthenticatedUser user, SpecialtyRequest request) {
        if (request.code() == null || request.code().isBlank()) {
            throw new InvalidRequestException("code", "code is required.");
        }
        var specialty = new Specialty(
                request.code(), request.nameRu().strip(), request.nameEn().strip());
        if (!specialties.insert(specialty)) {
            throw new SpecialtyExistsException(request.code());
        }
        effects.start()
                .audit(new AuditEntry(
                        user.id(), "SPECIALTY_CREATED", "specialty", specialty.code(), Map.of("after", specialty)))
                .apply();
        return specialty;
    }

    /** Renames a specialty. @throws NotFoundException (404) for an unknown code */
    @Transactional
    public Specialty update(AuthenticatedUser user, String code, SpecialtyRequest request) {
        var before = specialties.find(code).orElseThrow(() -> new NotFoundException("specialty", code));
        var specialty =
                new Specialty(code, request.nameRu().strip(), request.nameEn().strip());
        if (!specialties.update(specialty)) {
            throw new NotFoundException("specialty", code);
        }
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "SPECIALTY_UPDATED",
                        "specialty",
                        code,
                        Map.of("before", before, "after", specialty)))
                .evictAll()
                .apply();
        return specialty;
    }

    /** A specialty with this code exists already: 409. */
    public static class SpecialtyExistsException extends ConflictException {
        public SpecialtyExistsException(String code) {
            super("specialty-exists", "Specialty exists", "A specialty with code " + code + " exists already.");
        }
    }
}
