package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.SearchPlan.hasDates;
import static io.polyclinic.booking.search.SearchPlan.withClinic;
import static io.polyclinic.booking.search.SearchSql.NEAREST_FIRST;
import static io.polyclinic.booking.search.SearchSql.and;
import static io.polyclinic.booking.search.SearchSql.nearestSlotJoin;
import static io.polyclinic.booking.search.SearchSql.select;

import io.polyclinic.booking.search.SearchPlan.Driver;
import io.polyclinic.booking.search.SearchQueries.Hit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A page sorted by nearest free slot over many candidates (at least the result cap; fewer are only sorted), ties by
 * doctor id, doctors without one last, by id: walk the matching free slots in {@code (start_at, doctor_id)} order
 * ({@code slots_available_start_idx}, one range of {@code slots_available_day_idx} per searched local date, or one
 * range of {@code slots_available_clinic_idx} per searched clinic, merged) for a bounded prefix. The first
 * appearance of each doctor in that stream is at its nearest slot, so the first k distinct doctors of any prefix are
 * the first k overall: the walk proves the page as soon as the prefix holds k doctors, or holds every matching free
 * slot (then doctors without one follow). When four ever longer prefixes prove nothing (free slots of matching
 * doctors are rare), every candidate is probed and sorted.
 */
@Component
class SlotWalk {

    /**
     * Matching free slots the walk reads first per hit wanted (a doctor's slots spread over the day, so a short
     * prefix already holds as many doctors as slots); each retry reads 8 times more.
     */
    private static final int SLOTS_SCANNED_PER_HIT = 3;

    private static final int MIN_SLOTS_SCANNED = 60;

    /** Clinics a walk reads one by one at most (each is one more branch to plan, ~0.15 ms). */
    private static final int MAX_WALKED_CLINICS = 128;

    /** A clinic a walk reads, with the zone that turns the searched local dates into its instant range. */
    private record WalkedClinic(UUID id, ZoneId zone) {}

    /** The distinct doctors of the first {@code scan} matching free slots, in stream order. */
    private record Walk(List<UUID> doctors, boolean exhausted) {}

    private final JdbcClient jdbc;
    private final SearchQueries queries;

    SlotWalk(JdbcClient jdbc, SearchQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** The page {@code [offset, offset + limit)} by nearest free slot. */
    List<Hit> page(SearchPlan plan, long offset, int limit) {
        var c = plan.criteria();
        var wanted = offset + limit;
        var scan = Math.max(MIN_SLOTS_SCANNED, wanted * SLOTS_SCANNED_PER_HIT);
        for (int attempt = 0; attempt < 4; attempt++, scan *= 8) {
            var walked = walk(plan, scan);
            if (walked.doctors().size() >= wanted) {
                return queries.byIds(plan, walked.doctors().subList((int) offset, (int) wanted), NEAREST_FIRST);
            }
            if (walked.exhausted()) {
                var found = walked.doctors();
                var hits = new ArrayList<Hit>();
                if (offset < found.size()) {
                    hits.addAll(queries.byIds(plan, found.subList((int) offset, found.size()), NEAREST_FIRST));
                }
                hits.addAll(withoutFreeSlot(plan, Math.max(0, offset - found.size()), limit - hits.size()));
                return hits;
            }
        }
        var params = SearchParams.of(plan).addValue("offset", offset).addValue("limit", limit);
        var where = SearchSql.where(plan, plan.listDriver());
        var from = plan.listDriver() == Driver.CLINICS
                ? " from (select d.*" + DriverSql.clinicsDriven(c) + and(where) + ") d" + nearestSlotJoin(c)
                : " from doctors d" + nearestSlotJoin(c) + where;
        var sql = "select * from (" + select(c) + from + ") d" + " order by " + NEAREST_FIRST
                + " offset :offset limit :limit";
        return queries.hits(sql, params);
    }

    private Walk walk(SearchPlan plan, long scan) {
        var c = plan.criteria();
        var params = SearchParams.of(plan).addValue("scan", scan);
        var where = SearchSql.where(plan, Driver.SLOT_WALK);
        // a city's, clinic's or circle's slots are read clinic by clinic when they are few (a stream of every
        // clinic's slots of a date reaches a western city's only after the eastern zones' whole morning: 31,000
        // slots for Berlin); otherwise the doctor is looked up only for slots whose clinic matches: the lateral
        // reference to c orders the joins (as a plain join the planner probed a doctor for every slot it read)
        var clinics = withClinic(c) ? walkedClinics(c, params) : null;
        if (clinics != null && clinics.isEmpty()) {
            return new Walk(List.of(), true);
        }
        var clinicJoin = withClinic(c) && clinics == null;
        String slots;
        if (clinics != null) {
            slots = clinicArms(clinics, c, params);
        } else if (hasDates(c)) {
            slots = dayArms(c, params);
        } else {
            slots = "slots s";
        }
        var sql = "with prefix as (select s.doctor_id, s.start_at from " + slots
                + (clinicJoin ? GeoSql.clinicOf("s.clinic_id", "c") : "")
                + " cross join lateral (select * from doctors d0 where d0.id = s.doctor_id"
                + (clinicJoin ? " and c.id is not null" : "") + " offset 0) d"
                + " where " + (slots.equals("slots s") ? "s.status = 'AVAILABLE' and " : "")
                + "s.start_at > :bookableFrom and d.status = 'ACTIVE'"
                + (clinicJoin ? GeoSql.clinicConditions(c) : "")
                + SearchSql.dateConditions(c)
                + and(where)
                + " order by s.start_at, s.doctor_id limit :scan)"
                + " select doctor_id, (select count(*) from prefix) scanned from prefix"
                + " group by doctor_id order by min(start_at), doctor_id";
        var doctors = new ArrayList<UUID>();
        long[] scanned = {0};
        jdbc.sql(sql).paramSource(params).query(rs -> {
            doctors.add(rs.getObject("doctor_id", UUID.class));
            scanned[0] = rs.getLong("scanned");
        });
        return new Walk(doctors, scanned[0] < scan);
    }

    /** The clinics matching the search's city, clinic and circle, or null when there are too many to list. */
    private List<WalkedClinic> walkedClinics(DoctorSearchCriteria c, MapSqlParameterSource params) {
        params.addValue("maxClinics", MAX_WALKED_CLINICS + 1);
        var clinics = jdbc.sql("select c.id, c.time_zone from clinics c where true" + GeoSql.clinicConditions(c)
                        + " limit :maxClinics")
                .paramSource(params)
                .query((rs, n) ->
                        new WalkedClinic(rs.getObject("id", UUID.class), ZoneId.of(rs.getString("time_zone"))))
                .list();
        return clinics.size() > MAX_WALKED_CLINICS ? null : clinics;
    }

    /**
     * {@code slots s}: these clinics' free slots in {@code (start_at, doctor_id)} order, one range of
     * {@code slots_available_clinic_idx} per clinic merged by start time (a Merge Append); with dates, each range
     * runs exactly from the first searched day's midnight to the last one's end in that clinic's zone.
     */
    private static String clinicArms(List<WalkedClinic> clinics, DoctorSearchCriteria c, MapSqlParameterSource params) {
        var arms = new ArrayList<String>();
        for (var clinic : clinics) {
            var name = "clinic" + arms.size();
            params.addValue(name, clinic.id());
            var range = "";
            if (hasDates(c)) {
                params.addValue(
                        name + "Low", c.from().atStartOfDay(clinic.zone()).toOffsetDateTime());
                params.addValue(
                        name + "High",
                        c.to().plusDays(1).atStartOfDay(clinic.zone()).toOffsetDateTime());
                range = " and s.start_at >= :" + name + "Low and s.start_at < :" + name + "High";
            }
            arms.add("(select s.doctor_id, s.start_at, s.clinic_id, s.local_date from slots s"
                    + " where s.status = 'AVAILABLE' and s.clinic_id = :" + name + " and s.start_at > :bookableFrom"
                    + range + " order by s.start_at, s.doctor_id)");
        }
        return "(" + String.join(" union all ", arms) + ") s";
    }

    /**
     * {@code slots s}: the free slots of the searched local dates in {@code (start_at, doctor_id)} order, one range
     * of {@code slots_available_day_idx} per date merged by start time (a Merge Append: a slot of a later date in a
     * zone east of another's may start first).
     */
    private static String dayArms(DoctorSearchCriteria c, MapSqlParameterSource params) {
        var days = new ArrayList<String>();
        for (var day = c.from(); !day.isAfter(c.to()); day = day.plusDays(1)) {
            var name = "day" + days.size();
            params.addValue(name, day);
            days.add("(select s.doctor_id, s.start_at, s.clinic_id, s.local_date from slots s"
                    + " where s.status = 'AVAILABLE' and s.local_date = :" + name
                    + " and s.start_at > :bookableFrom order by s.start_at, s.doctor_id)");
        }
        return "(" + String.join(" union all ", days) + ") s";
    }

    /** Matching doctors without a matching free slot, by id: the tail of a nearest-slot sort. */
    private List<Hit> withoutFreeSlot(SearchPlan plan, long offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var c = plan.criteria();
        var params = SearchParams.of(plan).addValue("offset", offset).addValue("limit", limit);
        var where = SearchSql.where(plan, plan.listDriver());
        var without = "not exists (select 1 " + SearchSql.freeSlotFrom(c) + ")";
        var sql = plan.listDriver() == Driver.CLINICS
                ? select(c) + " from (select d.*" + DriverSql.clinicsDriven(c) + and(where) + " and " + without + ") d"
                        + nearestSlotJoin(c) + " order by d.id offset :offset limit :limit"
                : select(c) + " from doctors d" + nearestSlotJoin(c) + (where.isEmpty() ? " where " : where + " and ")
                        + without + " order by d.id offset :offset limit :limit";
        return queries.hits(sql, params);
    }
}
