package io.polyclinic.booking.specialty;

import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;

/** Use cases of specialties: list (public, paged), create and rename (ADMIN). */
@Service
public class SpecialtyService {

    private final SpecialtyRepository specialties;

    private final BookingCache cache;

    public SpecialtyService(SpecialtyRepository specialties, BookingCache cache) {
        this.specialties = specialties;
        this.cache = cache;
    }

    /** One page of the specialties, by code. */
    public PageResponse<Specialty> list(PageQuery page) {
        return PageResponse.of(specialties.findPage(page.offset(), page.size()), page, specialties.count());
    }

    /**
     * Creates a specialty.
     *
     * @throws InvalidRequestException (400) without a code; {@link SpecialtyExistsException} (409) for a taken code
     */
    public Specialty create(SpecialtyRequest request) {
        if (request.code() == null || request.code().isBlank()) {
            throw new InvalidRequestException("code", "code is required.");
        }
        var specialty = new Specialty(
                request.code(), request.nameRu().strip(), request.nameEn().strip());
        if (!specialties.insert(specialty)) {
            throw new SpecialtyExistsException(request.code());
        }
        return specialty;
    }

    /** Renames a specialty. @throws NotFoundException (404) for an unknown code */
    public Specialty update(String code, SpecialtyRequest request) {
        var specialty =
                new Specialty(code, request.nameRu().strip(), request.nameEn().strip());
        if (!specialties.update(specialty)) {
            throw new NotFoundException("specialty", code);
        }
        cache.evictAll();
        return specialty;
    }

    /** A specialty with this code exists already: 409. */
    public static class SpecialtyExistsException extends ConflictException {
        public SpecialtyExistsException(String code) {
            super("specialty-exists", "Specialty exists", "A specialty with code " + code + " exists already.");
        }
    }
}
