package io.polyclinic.booking.search;

/**
 * The clinic-level SQL of a search as pure functions: the searched city, clinic and circle on a clinic row, and the
 * distance to the searched point. A circle is checked in two steps: a latitude/longitude bounding box, which
 * {@code clinics_location_idx} serves, then the exact haversine distance.
 */
final class GeoSql {

    /** Great-circle kilometres from the searched point to clinic {@code c} (haversine). */
    static final String DISTANCE_KM = distanceKm("c");

    private GeoSql() {}

    /** The search's conditions on clinic {@code c}: city, clinic, circle. */
    static String clinicConditions(DoctorSearchCriteria c) {
        return clinicConditions(c, "c");
    }

    /** The search's conditions on clinic {@code alias}: city, clinic, circle, each starting with {@code and}. */
    static String clinicConditions(DoctorSearchCriteria c, String alias) {
        return (c.city() != null ? " and lower(" + alias + ".city) = lower(:city)" : "")
                + (c.clinicId() != null ? " and " + alias + ".id = :clinicId" : "")
                + (c.near() != null ? " and " + inCircle(alias) : "");
    }

    /**
     * {@code cross join lateral (...) alias}: the clinic whose id is {@code idColumn}, one primary-key probe per row
     * of the table before it. The planner underestimates how many clinics a circle holds (1 for 77 in a 25 km
     * circle), and with a plain join it reads the circle's clinics first and probes a doctor's slots in each of them:
     * thousands of bitmap scans per doctor. {@code offset 0} keeps the subquery from being flattened into a join.
     */
    static String clinicOf(String idColumn, String alias) {
        return " cross join lateral (select * from clinics c0 where c0.id = " + idColumn + " offset 0) " + alias;
    }

    /** Clinic {@code c} lies in the circle: bounding box (index) and exact distance. */
    static String inCircle() {
        return inCircle("c");
    }

    /** Clinic {@code alias} lies in the circle: bounding box (index) and exact distance. */
    static String inCircle(String alias) {
        var a = alias + ".";
        return a + "latitude between :minLat and :maxLat and (:lonSpan >= 180"
                + " or " + a + "longitude between :lon - :lonSpan and :lon + :lonSpan"
                + " or " + a + "longitude <= :lon + :lonSpan - 360 or " + a + "longitude >= :lon - :lonSpan + 360)"
                + " and " + distanceKm(alias) + " <= :radiusKm";
    }

    /** Great-circle kilometres from the searched point to clinic {@code alias} (haversine). */
    static String distanceKm(String alias) {
        var a = alias + ".";
        return "(" + GeoCircle.EARTH_RADIUS_KM
                + " * 2 * asin(least(1, sqrt(power(sin(radians(" + a + "latitude - :lat) / 2), 2)"
                + " + cos(radians(:lat)) * cos(radians(" + a + "latitude)) * power(sin(radians(" + a
                + "longitude - :lon) / 2), 2)))))";
    }

    /** The distance from the searched point to the nearest clinic of {@code d} in the circle, or null. */
    static String distanceOf(DoctorSearchCriteria c) {
        if (c.near() == null) {
            return "null::double precision";
        }
        return "(select min(" + DISTANCE_KM + ") from doctor_clinics dc" + clinicOf("dc.clinic_id", "c")
                + " where dc.doctor_id = d.id and " + inCircle() + ")";
    }
}
