package io.polyclinic.booking.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How one search runs, chosen once by {@link SearchPlanner} before any doctor is read.
 *
 * <p>Every statement of a search reads its doctors from one {@link Driver}: the candidates (the matching doctors, at
 * most the result cap) from {@link #source}, and, when the candidates reach the cap, the page from
 * {@link #pageDriver()} (the order's index, a walk of free slots or of clinics by distance, or the circle's
 * clinics); fewer candidates are only sorted.
 *
 * @param criteria the search as asked (or its typo-tolerant second pass, see {@link #typoTolerant()})
 * @param bookableFrom free slots count only when they start after this instant
 * @param source the driver of the candidates: {@link Driver#DOCTORS}, {@link Driver#CLINICS} or {@link Driver#DAYS}
 * @param circleDrives whether the circle's clinics (in the searched city and clinic) list the doctors rather than a
 *     probe per doctor: always with a circle and no selective filter, beside one when they hold few doctors
 * @param windowDoctors for a date filter alone (no name, specialty, clinic or circle): the doctors with a free slot
 *     on those dates when they are few, else null (a busy day: probing doctors one by one finds a page sooner)
 */
record SearchPlan(
        DoctorSearchCriteria criteria,
        Instant bookableFrom,
        Driver source,
        boolean circleDrives,
        List<UUID> windowDoctors) {

    /**
     * Where a statement's doctors come from, and with it which conditions the statement still checks per doctor.
     *
     * @param freeSlot whether a date range demands a matching free slot per doctor (not when free slots drive)
     * @param circle whether a circle demands a clinic in it per doctor (only when the doctors table drives)
     * @param clinicsHold whether the driver holds the city and clinic already
     * @param daysHold whether the driver holds the specialty and the dates' doctors already
     */
    enum Driver {
        /** The doctors table, in the order's index or through the name's trigram index. */
        DOCTORS(true, true, false, false),
        /** The circle's clinics (in the searched city and clinic), then their doctors. */
        CLINICS(true, false, true, false),
        /** The doctors working on the searched local dates ({@code doctor_days}). */
        DAYS(true, false, true, true),
        /** (Clinic in the circle, doctor) pairs by distance. */
        NEARBY(true, false, false, false),
        /** The matching free slots in time order. */
        SLOT_WALK(false, false, false, false);

        final boolean freeSlot;
        final boolean circle;
        final boolean clinicsHold;
        final boolean daysHold;

        Driver(boolean freeSlot, boolean circle, boolean clinicsHold, boolean daysHold) {
            this.freeSlot = freeSlot;
            this.circle = circle;
            this.clinicsHold = clinicsHold;
            this.daysHold = daysHold;
        }
    }

    /** The same plan for the typo-tolerant second pass (the name decides no driver but the candidates' own). */
    SearchPlan typoTolerant() {
        return new SearchPlan(criteria.withTypoTolerance(true), bookableFrom, source, circleDrives, windowDoctors);
    }

    /**
     * The driver of a page when the candidates reached the cap: the free slots for a nearest-slot sort, the
     * circle's pairs for a distance order, the circle's clinics beside a selective filter when they hold few doctors,
     * else the doctors table in the order's index.
     */
    Driver pageDriver() {
        if (criteria.sort() == DoctorSortOrder.NEAREST_SLOT) {
            return Driver.SLOT_WALK;
        }
        if (byDistance(criteria)) {
            return Driver.NEARBY;
        }
        return criteria.near() != null && selective(criteria) && circleDrives ? Driver.CLINICS : Driver.DOCTORS;
    }

    /** The driver of the statements that list matching doctors beside a walk: the circle's clinics or the table. */
    Driver listDriver() {
        return circleDrives ? Driver.CLINICS : Driver.DOCTORS;
    }

    /** Whether a filter that keeps a few percent of the doctors at most is given: name, specialty or clinic. */
    static boolean selective(DoctorSearchCriteria c) {
        return !NameMatch.words(c.name()).isEmpty() || c.specialty() != null || c.clinicId() != null;
    }

    /** Whether the search has a date range (a single date is a range of one day). */
    static boolean hasDates(DoctorSearchCriteria c) {
        return c.from() != null && c.to() != null;
    }

    /** Whether the search restricts the clinics a free slot may be in (city, clinic, circle). */
    static boolean withClinic(DoctorSearchCriteria c) {
        return c.city() != null || c.clinicId() != null || c.near() != null;
    }

    /** Whether the page is ordered by distance (then the circle's pairs drive it). */
    static boolean byDistance(DoctorSearchCriteria c) {
        return c.near() != null && SearchSql.orderBy(c).equals(SearchSql.BY_DISTANCE);
    }

    /**
     * Whether the doctors working on the searched dates ({@code doctor_days}) drive the candidates: a date filter
     * without a name (the trigram index drives better), clinic or circle (which drive through the clinics).
     */
    static boolean daysFirst(DoctorSearchCriteria c) {
        return hasDates(c) && NameMatch.words(c.name()).isEmpty() && c.clinicId() == null && c.near() == null;
    }
}
