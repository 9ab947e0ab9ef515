package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.GeoSql.clinicConditions;
import static io.polyclinic.booking.search.GeoSql.clinicOf;
import static io.polyclinic.booking.search.GeoSql.inCircle;
import static io.polyclinic.booking.search.SearchPlan.selective;
import static io.polyclinic.booking.search.SearchPlan.withClinic;

import io.polyclinic.booking.search.SearchPlan.Driver;
import java.util.ArrayList;

/**
 * The doctor-level SQL of a search as pure functions of the plan (no state, no database): the conditions on a
 * doctor {@code d}, the free slots that match the search, the selected columns and the orders. Each statement reads
 * its doctors from one {@link Driver}, which decides which conditions remain to check per doctor.
 */
final class SearchSql {

    /** Order of {@code sort=rating} (and relevance without a name or point), whole in {@code doctors_rating_order_idx}. */
    static final String BY_RATING = "d.rating_avg desc, d.rating_count desc, d.full_name, d.id";

    /** Order by the selected {@code distance_km} column. */
    static final String BY_DISTANCE = "distance_km, id";

    /** Order by the selected nearest free slot, doctors without one last. */
    static final String NEAREST_FIRST = "ns_start asc nulls last, id";

    /** The columns of a doctor row that a page's inner query carries to its outer one. */
    static final String DOCTOR_COLUMNS =
            "select d.id, d.full_name, d.search_name, d.status, d.rating_avg, d.rating_count";

    private SearchSql() {}

    /**
     * {@code " where ..."} (or empty): the conditions on doctor {@code d} that {@code driver} does not hold already.
     * A date filter demands a matching free slot per doctor (a scalar subquery stays a per-row probe of
     * {@code slots_available_idx}, where a join could hash every free slot of the range).
     */
    static String where(SearchPlan plan, Driver driver) {
        var c = plan.criteria();
        var conditions = new ArrayList<String>();
        var name = NameMatch.condition(c);
        if (!name.isEmpty()) {
            conditions.add(name);
        }
        if (c.specialty() != null && !driver.daysHold) {
            conditions.add("exists (select 1 from doctor_specialties ds where ds.doctor_id = d.id"
                    + " and ds.specialty_code = :specialty)");
        }
        if (c.status() != null) {
            conditions.add("d.status = :status");
        } else if (!c.includeInactive()) {
            conditions.add("d.status <> 'INACTIVE'");
        }
        if (c.city() != null && !driver.clinicsHold) {
            var probe = "select 1 from doctor_clinics dc join clinics c on c.id = dc.clinic_id"
                    + " where dc.doctor_id = d.id and lower(c.city) = lower(:city)";
            // a walk over slots checks the few doctors it meets (a scalar subquery stays a per-row probe): as a
            // semi-join the planner crossed the city's doctors with its clinics before reading any slot
            conditions.add(driver.freeSlot ? "exists (" + probe + ")" : "(" + probe + " limit 1) is not null");
        }
        if (c.clinicId() != null && !driver.clinicsHold) {
            conditions.add(
                    "exists (select 1 from doctor_clinics dc where dc.doctor_id = d.id and dc.clinic_id = :clinicId)");
        }
        if (driver.circle && c.near() != null) {
            var probe = "select 1 from doctor_clinics dc" + clinicOf("dc.clinic_id", "c")
                    + " where dc.doctor_id = d.id and " + inCircle();
            // with a selective filter beside it, probe each of its doctors (a scalar subquery stays a per-row
            // probe); alone, let the planner join the circle's doctors (EXISTS becomes a semi-join)
            conditions.add(selective(c) ? "(" + probe + " limit 1) is not null" : "exists (" + probe + ")");
        }
        if (driver.freeSlot && SearchPlan.hasDates(c)) {
            if (plan.windowDoctors() != null) {
                conditions.add(plan.windowDoctors().isEmpty() ? "false" : "d.id in (:windowDoctors)");
            }
            // the driver already holds specialty and city (days) or city (clinics): no need to check them again
            var guards = driver.daysHold ? "" : doctorGuards(c, driver.clinicsHold);
            conditions.add("(select 1 " + freeSlotFrom(c, guards) + " limit 1) is not null");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** {@code where} conditions (as {@link #where} builds them) appended to a source that has its own where. */
    static String and(String where) {
        return where.replaceFirst("^ where ", " and ");
    }

    /**
     * {@code from ... where ...} of the free slots of doctor {@code d} that match the search: AVAILABLE, bookable
     * (after {@code :bookableFrom}), of an ACTIVE doctor, and in the searched city, clinic, circle and local dates.
     * Both the nearest free slot and the date filter use it, so a hit never shows a slot the filters would not match.
     */
    static String freeSlotFrom(DoctorSearchCriteria c) {
        return freeSlotFrom(c, doctorGuards(c, false));
    }

    /** {@link #freeSlotFrom(DoctorSearchCriteria)} with these {@link #doctorGuards} instead of all of them. */
    static String freeSlotFrom(DoctorSearchCriteria c, String guards) {
        return " from slots s" + (withClinic(c) ? clinicOf("s.clinic_id", "c") : "")
                + " where s.doctor_id = d.id and s.status = 'AVAILABLE' and s.start_at > :bookableFrom"
                + " and d.status = 'ACTIVE'"
                + guards
                + slotConditions(c)
                + " ";
    }

    /**
     * The doctor's own specialty and city, checked once before its slots are read: conditions on {@code d} alone,
     * which PostgreSQL runs as a one-time filter of the probe. A doctor-level semi-join for the same filter may run
     * only after the probe (the planner orders a row's subplans by their estimated cost), so a search walking
     * doctors in name or rating order would otherwise read the free slots of every doctor it passes.
     */
    static String doctorGuards(DoctorSearchCriteria c, boolean cityHolds) {
        return (c.specialty() != null
                        ? " and (select 1 from doctor_specialties ds0 where ds0.doctor_id = d.id"
                                + " and ds0.specialty_code = :specialty) is not null"
                        : "")
                + (c.city() != null && !cityHolds
                        ? " and (select 1 from doctor_clinics dc0 join clinics c1 on c1.id = dc0.clinic_id"
                                + " where dc0.doctor_id = d.id and lower(c1.city) = lower(:city) limit 1) is not null"
                        : "");
    }

    /** The conditions on a free slot {@code s} in clinic {@code c} beyond being free and bookable. */
    static String slotConditions(DoctorSearchCriteria c) {
        return clinicConditions(c) + dateConditions(c);
    }

    /** The search's local dates on slot {@code s}. */
    static String dateConditions(DoctorSearchCriteria c) {
        // instants bound the index range scan of a doctor's slots (zones lie within UTC-12..UTC+14); the slot's
        // local date (kept by a trigger, V6) decides
        return (SearchPlan.hasDates(c)
                ? " and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                        + " and s.local_date between :fromDate and :toDate"
                : "");
    }

    /** The columns of a hit over a row {@code d} of doctors and its nearest slot {@code ns}. */
    static String select(DoctorSearchCriteria c) {
        return "select d.id, d.full_name, d.status, d.rating_avg, d.rating_count, " + GeoSql.distanceOf(c)
                + " distance_km," + " ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic";
    }

    /** The nearest matching free slot of {@code d}: one probe of {@code slots_available_idx}. */
    static String nearestSlotJoin(DoctorSearchCriteria c) {
        return " left join lateral (select s.id, s.start_at, s.end_at, s.clinic_id" + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true";
    }

    /** The order of the criteria's sort over the selected columns. */
    static String orderBy(DoctorSearchCriteria c) {
        return switch (c.sort()) {
            case RATING, NEAREST_SLOT -> BY_RATING;
            case DISTANCE -> BY_DISTANCE;
            case NAME -> "d.full_name, d.id";
            case RELEVANCE -> {
                if (!NameMatch.words(c.name()).isEmpty()) {
                    yield "word_similarity(:q, d.search_name) desc, d.full_name, d.id";
                }
                yield c.near() != null ? BY_DISTANCE : BY_RATING;
            }
        };
    }
}
