package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.GeoSql.DISTANCE_KM;
import static io.polyclinic.booking.search.GeoSql.clinicConditions;
import static io.polyclinic.booking.search.GeoSql.clinicOf;
import static io.polyclinic.booking.search.GeoSql.inCircle;

import java.util.ArrayList;

/**
 * The {@code from} of each {@link SearchPlan.Driver} that is not the doctors table itself, as pure functions of the
 * criteria. Parameters they name beyond the criteria's own ({@code :workday0..}) come from {@link SearchParams}.
 */
final class DriverSql {

    /** Doctors driven from {@link #near}: one primary-key probe per doctor in the circle. */
    static final String NEAR_DRIVEN =
            " from near n cross join lateral (select * from doctors d0 where d0.id = n.doctor_id) d";

    private DriverSql() {}

    /**
     * {@code with near as (...) }: the doctors with a clinic in the circle and the distance to the nearest such
     * clinic, for a sort by distance. The bounding box runs on {@code clinics_location_idx}; the haversine check is
     * exact.
     */
    static String near() {
        return "with near as (select dc.doctor_id, min(" + DISTANCE_KM + ") distance_km"
                + " from clinics c join doctor_clinics dc on dc.clinic_id = c.id where " + inCircle()
                + " group by dc.doctor_id) ";
    }

    /**
     * {@code from ... where ...}: the doctors {@code d} with a clinic in the searched city, clinic and circle, each
     * once (at its matching clinic with the lowest id, so no de-duplication holds back a LIMIT), read from
     * {@code clinics_city_idx} or {@code clinics_location_idx} and {@code doctor_clinics_clinic_idx} with one
     * primary-key probe per doctor ({@code offset 0} keeps the probe a nested loop: a hash join would scan every
     * doctor and apply the filters to each). The caller appends {@code and} conditions on {@code d}.
     */
    static String clinicsDriven(DoctorSearchCriteria c) {
        return " from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                + " cross join lateral (select * from doctors d0 where d0.id = dc.doctor_id offset 0) d"
                + " where true" + clinicConditions(c, "c")
                + " and (select 1 from doctor_clinics dc2" + clinicOf("dc2.clinic_id", "c2")
                + " where dc2.doctor_id = dc.doctor_id and dc2.clinic_id < dc.clinic_id" + clinicConditions(c, "c2")
                + " limit 1) is null";
    }

    /**
     * {@code from ... where ...}: the doctors {@code d} with slots on the searched local dates (and the searched
     * specialty and city, joined index to index before any doctor is read), each once. One date, or no specialty
     * and city: read date by date from the primary key of {@code doctor_days}, a doctor at its first day in the range
     * (checked on {@code doctor_days_doctor_idx}), so the caller's LIMIT stops the read early. Several dates with a
     * specialty or city: the specialty's or city's doctors, each with one range probe of
     * {@code doctor_days_doctor_idx} (a date-by-date read would list the same doctors once per date). The caller
     * appends {@code and} conditions on {@code d}.
     */
    static String daysDriven(DoctorSearchCriteria c) {
        if (c.from().isBefore(c.to()) && (c.specialty() != null || c.city() != null)) {
            return filterDriven(c);
        }
        var filters = (c.specialty() != null
                        ? " and exists (select 1 from doctor_specialties ds0 where ds0.doctor_id = dd.doctor_id"
                                + " and ds0.specialty_code = :specialty)"
                        : "")
                + (c.city() != null
                        ? " and exists (select 1 from doctor_clinics dc0 join clinics c0 on c0.id = dc0.clinic_id"
                                + " where dc0.doctor_id = dd.doctor_id and lower(c0.city) = lower(:city))"
                        : "");
        var days = new ArrayList<String>();
        for (var day = c.from(); !day.isAfter(c.to()); day = day.plusDays(1)) {
            var name = "workday" + days.size();
            days.add("(select dd.doctor_id from doctor_days dd where dd.local_date = :" + name + filters
                    + (days.isEmpty()
                            ? ""
                            : " and (select 1 from doctor_days e where e.doctor_id = dd.doctor_id"
                                    + " and e.local_date >= :fromDate and e.local_date < :" + name
                                    + " limit 1) is null")
                    + ")");
        }
        return " from (" + String.join(" union all ", days) + ") w"
                + " cross join lateral (select * from doctors d0 where d0.id = w.doctor_id offset 0) d where true";
    }

    /** {@link #daysDriven} for a date range with a specialty or city: the filter's doctors, one range probe each. */
    private static String filterDriven(DoctorSearchCriteria c) {
        var city = "select dc0.doctor_id from doctor_clinics dc0 join clinics c0 on c0.id = dc0.clinic_id"
                + " where lower(c0.city) = lower(:city)";
        String filtered;
        if (c.city() == null) {
            filtered = "select ds0.doctor_id from doctor_specialties ds0 where ds0.specialty_code = :specialty";
        } else if (c.specialty() == null) {
            filtered = city + " group by dc0.doctor_id";
        } else {
            filtered = city + " and exists (select 1 from doctor_specialties ds0 where ds0.doctor_id = dc0.doctor_id"
                    + " and ds0.specialty_code = :specialty) group by dc0.doctor_id";
        }
        return " from (select f.doctor_id from (" + filtered + ") f"
                + " where exists (select 1 from doctor_days dd where dd.doctor_id = f.doctor_id"
                + " and dd.local_date between :fromDate and :toDate)) w"
                + " cross join lateral (select * from doctors d0 where d0.id = w.doctor_id offset 0) d where true";
    }
}
