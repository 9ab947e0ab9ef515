package io.polyclinic.booking.search;

import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A doctor search; every criterion is optional (null).
 *
 * @param name part of the full name, any case, ё and е alike
 * @param specialty a specialty code
 * @param city a clinic city (case-insensitive, exact)
 * @param clinicId a clinic the doctor works in (admin search)
 * @param from with {@code to}: local dates (in each clinic's zone) on which the doctor has a free slot
 * @param near doctors with a clinic in this circle; their nearest free slot in such a clinic
 * @param includeInactive whether INACTIVE doctors match when no {@code status} is given: false for patients, who
 *     cannot book them anyway; true for the admin search
 * @param typoTolerant whether a name of 4+ characters also matches one edit away per word (deletion keys) or by
 *     trigram word similarity (decision 0032); the search turns it on only when no name contains the words as typed,
 *     so exact matches never pay for it
 */
public record DoctorSearchCriteria(
        String name,
        String specialty,
        DoctorStatus status,
        String city,
        UUID clinicId,
        LocalDate from,
        LocalDate to,
        GeoCircle near,
        DoctorSortOrder sort,
        boolean includeInactive,
        boolean typoTolerant) {

    /** The same search with typo tolerance on or off. */
    public DoctorSearchCriteria withTypoTolerance(boolean tolerant) {
        return new DoctorSearchCriteria(
                name, specialty, status, city, clinicId, from, to, near, sort, includeInactive, tolerant);
    }

    /**
     * Builds search criteria from the query parameters shared by the public and the admin search.
     *
     * @throws InvalidRequestException (400) for date together with from/to, from without to (or the reverse), an
     *     unknown sort, or sort=distance without a point
     */
    public static DoctorSearchCriteria of(
            String name,
            String specialty,
            DoctorStatus status,
            String city,
            UUID clinicId,
            LocalDate date,
            LocalDate from,
            LocalDate to,
            GeoCircle near,
            String sort,
            boolean includeInactive) {
        if (date != null && (from != null || to != null)) {
            throw new InvalidRequestException("date", "Give either date or from/to, not both.");
        }
        if ((from == null) != (to == null)) {
            throw new InvalidRequestException(from == null ? "from" : "to", "from and to go together.");
        }
        if (date != null) {
            from = date;
            to = date;
        }
        var order = DoctorSortOrder.parse(sort);
        if (order == DoctorSortOrder.DISTANCE && near == null) {
            throw new InvalidRequestException("sort", "sort=distance needs lat and lon.");
        }
        return new DoctorSearchCriteria(
                blankToNull(name),
                blankToNull(specialty),
                status,
                blankToNull(city),
                clinicId,
                from,
                to,
                near,
                order,
                includeInactive,
                false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
