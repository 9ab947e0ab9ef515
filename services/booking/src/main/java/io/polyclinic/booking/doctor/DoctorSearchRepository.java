package io.polyclinic.booking.doctor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.polyclinic.booking.doctor.DoctorView.ClinicRef;
import io.polyclinic.booking.doctor.DoctorView.NearestSlot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Doctor search in SQL, every step served by an index (plans in docs/performance.md, decision 0013): name through the
 * trigram-indexed {@code doctors.search_name} (LIKE per word, plus word similarity for typos); distance through a
 * bounding box on {@code clinics_location_idx} then the exact haversine distance; other filters as EXISTS
 * subqueries; the nearest free slot as a LATERAL subquery on the partial index {@code slots_available_idx}, computed
 * only for the page's doctors. Sorting by nearest free slot over many candidates walks the free slots in time order
 * instead ({@code slots_available_start_idx}), see {@link #searchByNearestSlot}. Round 3 (decision 0023): a date
 * filter is a range on the slot's own local date ({@code slots.local_date}, V6) and starts from the doctors working
 * that day ({@code doctor_days}, V7); a search lists its candidates once ({@link #candidates}) and, when they are fewer
 * than the cap, only sorts them.
 */
@Repository
public class DoctorSearchRepository {

    /** A search hit before its specialties and clinics are attached. */
    public record Hit(
            UUID id,
            String fullName,
            DoctorStatus status,
            double rating,
            int reviewCount,
            NearestSlot nearest,
            Double distanceKm) {}

    /** A specialty of a doctor, both names. */
    public record SpecialtyRow(UUID doctorId, String code, String nameRu, String nameEn) {}

    /**
     * Matching free slots the time-ordered walk reads first per hit wanted (a doctor's slots spread over the day, so
     * a short prefix already holds as many doctors as slots); each retry reads 8 times more.
     */
    private static final int SLOTS_SCANNED_PER_HIT = 3;

    private static final int MIN_SLOTS_SCANNED = 60;

    /**
     * Free slots of the searched local dates read to find their doctors before a date filter falls back to a probe
     * per doctor (see {@link #windowDoctors}).
     */
    private static final int WINDOW_SLOTS_SCANNED = 1000;

    /** Great-circle kilometres from the searched point to clinic {@code c} (haversine). */
    private static final String DISTANCE_KM = distanceKm("c");

    /**
     * Below this many (clinic in the circle, doctor) pairs a circle drives a search even beside a selective filter:
     * reading them costs less than probing the filter's doctors one by one.
     */
    private static final int SMALL_CIRCLE_PAIRS = 2000;

    private final JdbcClient jdbc;

    /** Doctors per specialty code, for {@link #clinicsFirst}: a plan choice, so minutes-old figures do. */
    private final Cache<String, Integer> specialtySizes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(10_000)
            .build();

    public DoctorSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of hits, in the criteria's order.
     *
     * @param bookableFrom free slots count only when they start after this instant
     * @param candidates the matching doctors as {@link #candidates} found them: all of them when fewer than
     *     {@code cap}, and then only they are read and sorted; otherwise the order's index or a walk finds the page
     * @param cap where {@link #candidates} stopped
     */
    public List<Hit> search(
            DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit, List<UUID> candidates, int cap) {
        if (candidates.size() < cap) {
            return fromCandidates(c, bookableFrom, candidates, offset, limit);
        }
        if (c.sort() == DoctorSortOrder.NEAREST_SLOT) {
            return searchByNearestSlot(c, bookableFrom, offset, limit);
        }
        var byDistance = byDistance(c);
        if (byDistance) {
            var walked = walkByDistance(c, bookableFrom, offset + limit);
            if (walked != null) {
                var ids = walked.subList((int) Math.min(offset, walked.size()), walked.size());
                return ids.isEmpty() ? List.of() : byIds(c, bookableFrom, ids, BY_DISTANCE);
            }
        }
        var params = new MapSqlParameterSource();
        // the circle's doctors, sorted, beside a selective filter when they are fewer than its doctors; otherwise
        // the hits come early in the order's index
        var clinicsFirst = !byDistance && c.near() != null && selective(c) && clinicsFirst(c);
        var where = where(c, bookableFrom, params, true, !byDistance && !clinicsFirst, clinicsFirst, false);
        params.addValue("offset", offset).addValue("limit", limit);
        var order = orderBy(c);
        String from;
        if (byDistance) {
            from = ", n.distance_km" + NEAR_DRIVEN + where;
        } else {
            from = clinicsFirst ? clinicsDriven(c) + and(where) : " from doctors d" + where;
        }
        // the page's doctors first (index order, or a top-N sort of the candidates), then one probe per hit
        var sql = (byDistance ? near(c) : "")
                + select(c)
                + " from (select d.id, d.full_name, d.search_name, d.status, d.rating_avg, d.rating_count"
                + from
                + " order by " + order + " offset :offset limit :limit) d"
                + nearestSlotJoin(c)
                + " order by " + order;
        return query(sql, params);
    }

    /**
     * Sort by nearest free slot over many candidates (at least the search's result cap; fewer are sorted by
     * {@link #fromCandidates}), ties by doctor id, doctors without one last, by id: walk the matching free slots in
     * {@code (start_at, doctor_id)} order ({@code slots_available_start_idx}, or one range of
     * {@code slots_available_day_idx} per searched local date, merged) for a bounded prefix. The first
     * appearance of each doctor in that stream is at its nearest slot, so the first k distinct doctors of any prefix
     * are the first k overall: the walk proves the page as soon as the prefix holds k doctors, or holds every matching
     * free slot (then doctors without one follow). When four ever longer prefixes prove nothing (free slots of
     * matching doctors are rare), every candidate is probed and sorted.
     */
    private List<Hit> searchByNearestSlot(DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit) {
        var wanted = offset + limit;
        var scan = Math.max(MIN_SLOTS_SCANNED, wanted * SLOTS_SCANNED_PER_HIT);
        for (int attempt = 0; attempt < 4; attempt++, scan *= 8) {
            var walked = walk(c, bookableFrom, scan);
            if (walked.doctors().size() >= wanted) {
                return byIds(c, bookableFrom, walked.doctors().subList((int) offset, (int) wanted), NEAREST_FIRST);
            }
            if (walked.exhausted()) {
                var found = walked.doctors();
                var hits = new ArrayList<Hit>();
                if (offset < found.size()) {
                    hits.addAll(byIds(c, bookableFrom, found.subList((int) offset, found.size()), NEAREST_FIRST));
                }
                hits.addAll(withoutFreeSlot(c, bookableFrom, Math.max(0, offset - found.size()), limit - hits.size()));
                return hits;
            }
        }
        var params = new MapSqlParameterSource();
        var clinicsFirst = clinicsFirst(c);
        var where = where(c, bookableFrom, params, true, !clinicsFirst, clinicsFirst, false);
        params.addValue("offset", offset).addValue("limit", limit);
        var from = clinicsFirst
                ? " from (select d.*" + clinicsDriven(c) + and(where) + ") d" + nearestSlotJoin(c)
                : " from doctors d" + nearestSlotJoin(c) + where;
        var sql = "select * from (" + select(c) + from + ") d" + " order by " + NEAREST_FIRST
                + " offset :offset limit :limit";
        return query(sql, params);
    }

    /**
     * A page of these doctors (all the matching ones, fewer than the cap) in the criteria's order: a sort of the
     * candidates, then one nearest-slot probe per hit (per candidate for a nearest-slot or distance sort, whose order
     * needs them).
     */
    private List<Hit> fromCandidates(
            DoctorSearchCriteria c, Instant bookableFrom, List<UUID> candidates, long offset, int limit) {
        var params = new MapSqlParameterSource();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        params.addValue("ids", candidates).addValue("offset", offset).addValue("limit", limit);
        var order = c.sort() == DoctorSortOrder.NEAREST_SLOT ? NEAREST_FIRST : orderBy(c);
        String sql;
        if (order.equals(NEAREST_FIRST) || order.equals(BY_DISTANCE)) {
            sql = "select * from (" + select(c) + " from doctors d" + nearestSlotJoin(c) + " where d.id in (:ids)) d"
                    + " order by " + order + " offset :offset limit :limit";
        } else {
            sql = select(c) + " from (select d.id, d.full_name, d.search_name, d.status, d.rating_avg, d.rating_count"
                    + " from doctors d where d.id in (:ids) order by " + order + " offset :offset limit :limit) d"
                    + nearestSlotJoin(c) + " order by " + order;
        }
        return query(sql, params);
    }

    /** The distinct doctors of the first {@code scan} matching free slots, in stream order. */
    private record Walk(List<UUID> doctors, boolean exhausted) {}

    private Walk walk(DoctorSearchCriteria c, Instant bookableFrom, long scan) {
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params, false, false, false, false);
        params.addValue("scan", scan);
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
                + (clinicJoin ? clinicOf("s.clinic_id", "c") : "")
                + " cross join lateral (select * from doctors d0 where d0.id = s.doctor_id"
                + (clinicJoin ? " and c.id is not null" : "") + " offset 0) d"
                + " where " + (slots.equals("slots s") ? "s.status = 'AVAILABLE' and " : "")
                + "s.start_at > :bookableFrom and d.status = 'ACTIVE'"
                + (clinicJoin ? clinicConditions(c) : "")
                + dateConditions(c)
                + where.replaceFirst("^ where ", " and ")
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

    /** Clinics a walk reads one by one at most (each is one more branch to plan, ~0.15 ms). */
    private static final int MAX_WALKED_CLINICS = 128;

    /** A clinic a walk reads, with the zone that turns the searched local dates into its instant range. */
    private record WalkedClinic(UUID id, ZoneId zone) {}

    /** The clinics matching the search's city, clinic and circle, or null when there are too many to list. */
    private List<WalkedClinic> walkedClinics(DoctorSearchCriteria c, MapSqlParameterSource params) {
        params.addValue("maxClinics", MAX_WALKED_CLINICS + 1);
        var clinics = jdbc.sql("select c.id, c.time_zone from clinics c where true" + clinicConditions(c)
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

    private static boolean hasDates(DoctorSearchCriteria c) {
        return c.from() != null && c.to() != null;
    }

    /** Whether the search restricts the clinics a free slot may be in (city, clinic, circle). */
    private static boolean withClinic(DoctorSearchCriteria c) {
        return c.city() != null || c.clinicId() != null || c.near() != null;
    }

    /** Matching doctors without a matching free slot, by id: the tail of a nearest-slot sort. */
    private List<Hit> withoutFreeSlot(DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var params = new MapSqlParameterSource();
        var clinicsFirst = clinicsFirst(c);
        var where = where(c, bookableFrom, params, true, !clinicsFirst, clinicsFirst, false);
        params.addValue("offset", offset).addValue("limit", limit);
        var without = "not exists (select 1 " + freeSlotFrom(c) + ")";
        var sql = clinicsFirst
                ? select(c) + " from (select d.*" + clinicsDriven(c) + and(where) + " and " + without + ") d"
                        + nearestSlotJoin(c) + " order by d.id offset :offset limit :limit"
                : select(c) + " from doctors d" + nearestSlotJoin(c) + (where.isEmpty() ? " where " : where + " and ")
                        + without + " order by d.id offset :offset limit :limit";
        return query(sql, params);
    }

    private static final String NEAREST_FIRST = "ns_start asc nulls last, id";

    /** These doctors (already known to match) as hits, in {@code order} (over the selected columns). */
    private List<Hit> byIds(DoctorSearchCriteria c, Instant bookableFrom, List<UUID> ids, String order) {
        var params = new MapSqlParameterSource();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        params.addValue("ids", ids);
        var sql = "select * from (" + select(c) + " from doctors d" + nearestSlotJoin(c)
                + " where d.id in (:ids)) d order by " + order;
        return query(sql, params);
    }

    /**
     * Sort by distance: walk (clinic in the circle, doctor) pairs by distance, then doctor id, for a bounded prefix
     * (no doctor lookups but the prefix's); the first appearance of each doctor is at its nearest clinic, so the
     * first k distinct matching doctors of a prefix are the first k overall. Answers the ids of the first
     * {@code wanted} (fewer when fewer match), or null when four ever longer prefixes could not prove them.
     */
    private List<UUID> walkByDistance(DoctorSearchCriteria c, Instant bookableFrom, long wanted) {
        // beside a filter that keeps a few percent of doctors, start with a prefix long enough to hold a page of them
        var scan = Math.max(200, wanted * (selective(c) ? 40 : 4));
        for (int attempt = 0; attempt < 4; attempt++, scan *= 8) {
            var params = new MapSqlParameterSource();
            var where = where(c, bookableFrom, params, true, false, false, false);
            params.addValue("scan", scan);
            var sql = "with prefix as (select dc.doctor_id, " + DISTANCE_KM + " distance_km"
                    + " from clinics c join doctor_clinics dc on dc.clinic_id = c.id where " + inCircle()
                    + " order by 2, 1 limit :scan)"
                    + " select p.doctor_id, (select count(*) from prefix) scanned from prefix p"
                    + " join doctors d on d.id = p.doctor_id"
                    + where.replaceFirst("^ where ", " where ")
                    + " group by p.doctor_id order by min(p.distance_km), p.doctor_id";
            var doctors = new ArrayList<UUID>();
            long[] scanned = {0};
            jdbc.sql(sql).paramSource(params).query(rs -> {
                doctors.add(rs.getObject("doctor_id", UUID.class));
                scanned[0] = rs.getLong("scanned");
            });
            if (doctors.size() >= wanted) {
                return doctors.subList(0, (int) wanted);
            }
            if (doctors.isEmpty() ? pairCount(c, " and " + inCircle(), scan) < scan : scanned[0] < scan) {
                return doctors;
            }
        }
        return null;
    }

    /**
     * How many (clinic, doctor) pairs there are whose clinic meets {@code clinicConditions} (over clinic {@code c},
     * each starting with {@code and}), counting at most {@code cap}.
     */
    private long pairCount(DoctorSearchCriteria c, String clinicConditions, long cap) {
        var params = new MapSqlParameterSource();
        slotParams(c, params);
        params.addValue("cap", cap);
        return jdbc.sql("select count(*) from (select 1 from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                        + " where true" + clinicConditions + " limit :cap) x")
                .paramSource(params)
                .query(Long.class)
                .single();
    }

    /** The columns of a hit over a row {@code d} of doctors and its nearest slot {@code ns}. */
    private static String select(DoctorSearchCriteria c) {
        return "select d.id, d.full_name, d.status, d.rating_avg, d.rating_count, " + distanceOf(c) + " distance_km,"
                + " ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic";
    }

    /** The nearest matching free slot of {@code d}: one probe of {@code slots_available_idx}. */
    private static String nearestSlotJoin(DoctorSearchCriteria c) {
        return " left join lateral (select s.id, s.start_at, s.end_at, s.clinic_id" + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true";
    }

    private List<Hit> query(String sql, MapSqlParameterSource params) {
        return jdbc.sql(sql)
                .paramSource(params)
                .query((rs, n) -> {
                    var slotId = rs.getObject("ns_id", UUID.class);
                    var nearest = slotId == null
                            ? null
                            : new NearestSlot(
                                    slotId,
                                    rs.getObject("ns_start", OffsetDateTime.class)
                                            .toInstant(),
                                    rs.getObject("ns_end", OffsetDateTime.class).toInstant(),
                                    rs.getObject("ns_clinic", UUID.class));
                    var distance = rs.getObject("distance_km", Double.class);
                    return new Hit(
                            rs.getObject("id", UUID.class),
                            rs.getString("full_name"),
                            DoctorStatus.valueOf(rs.getString("status")),
                            rs.getDouble("rating_avg"),
                            rs.getInt("rating_count"),
                            nearest,
                            distance == null ? null : Math.round(distance * 100) / 100.0);
                })
                .list();
    }

    /** The earliest AVAILABLE slot of an ACTIVE doctor starting after {@code bookableFrom}, or null. */
    public NearestSlot nearestSlot(UUID doctorId, Instant bookableFrom) {
        return jdbc.sql("""
                select s.id, s.start_at, s.end_at, s.clinic_id from slots s join doctors d on d.id = s.doctor_id
                 where s.doctor_id = ? and s.status = 'AVAILABLE' and s.start_at > ? and d.status = 'ACTIVE'
                 order by s.start_at limit 1
                """)
                .params(doctorId, OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC))
                .query((rs, n) -> new NearestSlot(
                        rs.getObject("id", UUID.class),
                        rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("end_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("clinic_id", UUID.class)))
                .optional()
                .orElse(null);
    }

    /**
     * The ids of the doctors that match, at most {@code cap} of them in no particular order: a broad search stops
     * there (the exact number of thousands of hits costs a scan and helps nobody), and fewer than {@code cap} are all
     * of them, which {@link #search} then only has to sort.
     */
    public List<UUID> candidates(DoctorSearchCriteria c, Instant bookableFrom, int cap) {
        var params = new MapSqlParameterSource();
        var clinicsFirst = clinicsFirst(c);
        var daysFirst = !clinicsFirst && daysFirst(c);
        var where = daysFirst
                ? where(c, bookableFrom, params, true, false, true, true)
                : where(c, bookableFrom, params, true, !clinicsFirst, clinicsFirst, false);
        params.addValue("cap", cap);
        String from;
        if (clinicsFirst) {
            from = clinicsDriven(c) + and(where);
        } else if (daysFirst) {
            from = daysDriven(c, params) + and(where);
        } else {
            from = " from doctors d" + where;
        }
        return jdbc.sql("select d.id" + from + " limit :cap")
                .paramSource(params)
                .query(UUID.class)
                .list();
    }

    /** The specialties of these doctors, by code. */
    public List<SpecialtyRow> specialtiesOf(Collection<UUID> doctorIds) {
        if (doctorIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select ds.doctor_id, s.code, s.name_ru, s.name_en
                  from doctor_specialties ds join specialties s on s.code = ds.specialty_code
                 where ds.doctor_id in (:ids) order by s.code
                """)
                .param("ids", doctorIds)
                .query((rs, n) -> new SpecialtyRow(
                        rs.getObject("doctor_id", UUID.class),
                        rs.getString("code"),
                        rs.getString("name_ru"),
                        rs.getString("name_en")))
                .list();
    }

    /** The clinics of these doctors, by name, keyed by doctor id. */
    public Map<UUID, List<ClinicRef>> clinicsOf(Collection<UUID> doctorIds) {
        var result = new LinkedHashMap<UUID, List<ClinicRef>>();
        if (doctorIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select dc.doctor_id, c.id, c.name, c.address, c.city, c.latitude, c.longitude, c.time_zone
                  from doctor_clinics dc join clinics c on c.id = dc.clinic_id
                 where dc.doctor_id in (:ids) order by c.name, c.id
                """).param("ids", doctorIds).query(rs -> {
            result.computeIfAbsent(rs.getObject("doctor_id", UUID.class), k -> new ArrayList<>())
                    .add(new ClinicRef(
                            rs.getObject("id", UUID.class),
                            rs.getString("name"),
                            rs.getString("address"),
                            rs.getString("city"),
                            rs.getDouble("latitude"),
                            rs.getDouble("longitude"),
                            rs.getString("time_zone")));
        });
        return result;
    }

    /**
     * {@code with near as (...) }: the doctors with a clinic in the circle and the distance to the nearest such
     * clinic, for a sort by distance. The bounding box runs on {@code clinics_location_idx}; the haversine check is
     * exact.
     */
    private static String near(DoctorSearchCriteria c) {
        return "with near as (select dc.doctor_id, min(" + DISTANCE_KM + ") distance_km"
                + " from clinics c join doctor_clinics dc on dc.clinic_id = c.id where " + inCircle()
                + " group by dc.doctor_id) ";
    }

    /** Doctors driven from {@code near}: one primary-key probe per doctor in the circle. */
    private static final String NEAR_DRIVEN =
            " from near n cross join lateral (select * from doctors d0 where d0.id = n.doctor_id) d";

    /** Whether the page is ordered by distance (then {@code near} drives the query). */
    private static boolean byDistance(DoctorSearchCriteria c) {
        return c.near() != null && orderBy(c).equals(BY_DISTANCE);
    }

    /** The distance from the searched point to the nearest clinic of {@code d} in the circle, or null. */
    private static String distanceOf(DoctorSearchCriteria c) {
        if (c.near() == null) {
            return "null::double precision";
        }
        return "(select min(" + DISTANCE_KM + ") from doctor_clinics dc" + clinicOf("dc.clinic_id", "c")
                + " where dc.doctor_id = d.id and " + inCircle() + ")";
    }

    /**
     * {@code cross join lateral (...) alias}: the clinic whose id is {@code idColumn}, one primary-key probe per row
     * of the table before it. The planner underestimates how many clinics a circle holds (1 for 77 in a 25 km
     * circle), and with a plain join it reads the circle's clinics first and probes a doctor's slots in each of them:
     * thousands of bitmap scans per doctor. {@code offset 0} keeps the subquery from being flattened into a join.
     */
    private static String clinicOf(String idColumn, String alias) {
        return " cross join lateral (select * from clinics c0 where c0.id = " + idColumn + " offset 0) " + alias;
    }

    /** Clinic {@code c} lies in the circle: bounding box (index) and exact distance. */
    private static String inCircle() {
        return inCircle("c");
    }

    /** Clinic {@code alias} lies in the circle: bounding box (index) and exact distance. */
    private static String inCircle(String alias) {
        var a = alias + ".";
        return a + "latitude between :minLat and :maxLat and (:lonSpan >= 180"
                + " or " + a + "longitude between :lon - :lonSpan and :lon + :lonSpan"
                + " or " + a + "longitude <= :lon + :lonSpan - 360 or " + a + "longitude >= :lon - :lonSpan + 360)"
                + " and " + distanceKm(alias) + " <= :radiusKm";
    }

    /** Great-circle kilometres from the searched point to clinic {@code alias} (haversine). */
    private static String distanceKm(String alias) {
        var a = alias + ".";
        return "(" + GeoCircle.EARTH_RADIUS_KM
                + " * 2 * asin(least(1, sqrt(power(sin(radians(" + a + "latitude - :lat) / 2), 2)"
                + " + cos(radians(:lat)) * cos(radians(" + a + "latitude)) * power(sin(radians(" + a
                + "longitude - :lon) / 2), 2)))))";
    }

    /**
     * {@code from ... where ...}: the doctors {@code d} with a clinic in the searched city, clinic and circle, each
     * once (at its matching clinic with the lowest id, so no de-duplication holds back a LIMIT), read from
     * {@code clinics_city_idx} or {@code clinics_location_idx} and {@code doctor_clinics_clinic_idx} with one
     * primary-key probe per doctor ({@code offset 0} keeps the probe a nested loop: a hash join would scan every
     * doctor and apply the filters to each). The caller appends {@code and} conditions on {@code d}.
     */
    private static String clinicsDriven(DoctorSearchCriteria c) {
        return " from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                + " cross join lateral (select * from doctors d0 where d0.id = dc.doctor_id offset 0) d"
                + " where true" + clinicConditions(c, "c")
                + " and (select 1 from doctor_clinics dc2" + clinicOf("dc2.clinic_id", "c2")
                + " where dc2.doctor_id = dc.doctor_id and dc2.clinic_id < dc.clinic_id" + clinicConditions(c, "c2")
                + " limit 1) is null";
    }

    /** {@code where} conditions (as {@link #where} builds them) appended to a source that has its own where. */
    private static String and(String where) {
        return where.replaceFirst("^ where ", " and ");
    }

    /**
     * Whether the doctors of the searched circle (in the searched city and clinic, if any) drive the doctor-level
     * queries instead of a probe per doctor: always when no selective filter is given (otherwise every doctor would
     * be probed), and beside one when they are few. A city alone drives through {@link #daysDriven} or a probe.
     */
    private boolean clinicsFirst(DoctorSearchCriteria c) {
        if (c.near() == null) {
            return false;
        }
        if (!selective(c)) {
            return true;
        }
        // a specialty alone may hold a quarter of all doctors: the clinics drive whenever they hold fewer pairs
        var cap = words(c.name()).isEmpty() && c.clinicId() == null
                ? Math.max(SMALL_CIRCLE_PAIRS, specialtySize(c.specialty()))
                : SMALL_CIRCLE_PAIRS;
        return pairCount(c, clinicConditions(c), cap) < cap;
    }

    /**
     * Whether the doctors working on the searched dates ({@code doctor_days}) drive the candidates: a date filter
     * without a name (the trigram index drives better), clinic or circle (which drive through
     * {@link #clinicsDriven}); a specialty or city is intersected with the day's doctors first, index to index.
     */
    private static boolean daysFirst(DoctorSearchCriteria c) {
        return hasDates(c) && words(c.name()).isEmpty() && c.clinicId() == null && c.near() == null;
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
    private static String daysDriven(DoctorSearchCriteria c, MapSqlParameterSource params) {
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
            params.addValue(name, day);
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

    /** How many doctors have this specialty, counted at most every few minutes (it only picks a plan). */
    private int specialtySize(String code) {
        return specialtySizes.get(
                code, k -> jdbc.sql("select count(*) from doctor_specialties where specialty_code = ?")
                        .param(k)
                        .query(Integer.class)
                        .single());
    }

    /**
     * The doctor-level conditions.
     *
     * @param withFreeSlot whether a date range demands a matching free slot (off when the query walks slots)
     * @param withCircle whether a circle demands a clinic in it (off when the query walks slots or {@code near})
     * @param clinicsDriven whether the doctors come from {@link #clinicsDriven} (then city and clinic hold already)
     * @param daysDriven whether the doctors come from {@link #daysDriven} (then specialty and city hold already)
     */
    private String where(
            DoctorSearchCriteria c,
            Instant bookableFrom,
            MapSqlParameterSource params,
            boolean withFreeSlot,
            boolean withCircle,
            boolean clinicsDriven,
            boolean daysDriven) {
        var conditions = new ArrayList<String>();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        var words = words(c.name());
        if (!words.isEmpty()) {
            var likes = new ArrayList<String>();
            for (int i = 0; i < words.size(); i++) {
                likes.add("d.search_name like :w" + i + " escape '\\'");
                params.addValue("w" + i, "%" + escapeLike(words.get(i)) + "%");
            }
            var match = String.join(" and ", likes);
            // word similarity (pg_trgm, threshold 0.6) forgives a typo in queries long enough to carry one
            conditions.add(typoTolerant(c) ? "((" + match + ") or :q <% d.search_name)" : "(" + match + ")");
        }
        if (c.specialty() != null && !daysDriven) {
            conditions.add("exists (select 1 from doctor_specialties ds where ds.doctor_id = d.id"
                    + " and ds.specialty_code = :specialty)");
            params.addValue("specialty", c.specialty());
        }
        if (c.status() != null) {
            conditions.add("d.status = :status");
            params.addValue("status", c.status().name());
        } else if (!c.includeInactive()) {
            conditions.add("d.status <> 'INACTIVE'");
        }
        if (c.city() != null && !clinicsDriven) {
            var probe = "select 1 from doctor_clinics dc join clinics c on c.id = dc.clinic_id"
                    + " where dc.doctor_id = d.id and lower(c.city) = lower(:city)";
            // a walk over slots checks the few doctors it meets (a scalar subquery stays a per-row probe): as a
            // semi-join the planner crossed the city's doctors with its clinics before reading any slot
            conditions.add(withFreeSlot ? "exists (" + probe + ")" : "(" + probe + " limit 1) is not null");
        }
        if (c.clinicId() != null && !clinicsDriven) {
            conditions.add(
                    "exists (select 1 from doctor_clinics dc where dc.doctor_id = d.id and dc.clinic_id = :clinicId)");
        }
        if (withCircle && c.near() != null) {
            var probe = "select 1 from doctor_clinics dc" + clinicOf("dc.clinic_id", "c")
                    + " where dc.doctor_id = d.id and " + inCircle();
            // with a selective filter beside it, probe each of its doctors (a scalar subquery stays a per-row
            // probe); alone, let the planner join the circle's doctors (EXISTS becomes a semi-join)
            conditions.add(selective(c) ? "(" + probe + " limit 1) is not null" : "exists (" + probe + ")");
        }
        if (withFreeSlot && c.from() != null && c.to() != null) {
            if (!selective(c) && c.near() == null) {
                // a date filter alone probes doctors one by one until enough match: on a day few are free that is
                // every doctor, so first read the day's few free slots, when they are few, and probe only theirs
                var doctors = windowDoctors(c, bookableFrom);
                if (doctors != null) {
                    conditions.add(doctors.isEmpty() ? "false" : "d.id in (:windowDoctors)");
                    params.addValue("windowDoctors", doctors);
                }
            }
            // a per-doctor probe of slots_available_idx (a scalar subquery is never turned into a join, which
            // could otherwise hash every free slot of the date range)
            // the driver already holds specialty and city (days) or city (clinics): no need to check them again
            var guards = daysDriven ? "" : doctorGuards(c, clinicsDriven);
            conditions.add("(select 1 " + freeSlotFrom(c, guards) + " limit 1) is not null");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * The doctors with a free slot matching the search's clinic conditions and local dates, read clinic by clinic
     * from the free slots of each clinic's local dates (an index-only range scan of
     * {@code slots_available_clinic_idx} per clinic), or null when there are {@link #WINDOW_SLOTS_SCANNED} such slots
     * or more (a busy day: probing doctors one by one finds enough of them sooner).
     */
    private List<UUID> windowDoctors(DoctorSearchCriteria c, Instant bookableFrom) {
        var params = new MapSqlParameterSource();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        params.addValue("scan", WINDOW_SLOTS_SCANNED);
        // offset 0 keeps one range scan per clinic
        var sql = "select s.doctor_id from clinics c cross join lateral (select s.doctor_id, s.start_at, s.local_date"
                + " from slots s where s.clinic_id = c.id and s.status = 'AVAILABLE'"
                + " and s.start_at > :bookableFrom and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                + " and s.local_date between :fromDate and :toDate offset 0) s"
                + " where true" + slotConditions(c) + " limit :scan";
        var slots = jdbc.sql(sql).paramSource(params).query(UUID.class).list();
        return slots.size() >= WINDOW_SLOTS_SCANNED ? null : List.copyOf(new LinkedHashSet<>(slots));
    }

    /** The parameters of {@link #freeSlotFrom}, {@link #near} and the name query. */
    private static void slotParams(DoctorSearchCriteria c, MapSqlParameterSource params) {
        var words = words(c.name());
        if (!words.isEmpty()) {
            params.addValue("q", query(words));
        }
        if (c.city() != null) {
            params.addValue("city", c.city());
        }
        if (c.specialty() != null) {
            params.addValue("specialty", c.specialty());
        }
        if (c.clinicId() != null) {
            params.addValue("clinicId", c.clinicId());
        }
        if (c.from() != null && c.to() != null) {
            params.addValue("rangeLow", utcStart(c.from()).minusHours(14));
            params.addValue("rangeHigh", utcStart(c.to().plusDays(1)).plusHours(12));
            params.addValue("fromDate", c.from());
            params.addValue("toDate", c.to());
        }
        var near = c.near();
        if (near != null) {
            params.addValue("lat", near.latitude());
            params.addValue("lon", near.longitude());
            params.addValue("radiusKm", near.radiusKm());
            params.addValue("minLat", near.minLatitude());
            params.addValue("maxLat", near.maxLatitude());
            params.addValue("lonSpan", near.longitudeSpan());
        }
    }

    /**
     * {@code from ... where ...} of the free slots of doctor {@code d} that match the search: AVAILABLE, bookable
     * (after {@code :bookableFrom}), of an ACTIVE doctor, and in the searched city, clinic, circle and local dates.
     * Both the nearest free slot and the date filter use it, so a hit never shows a slot the filters would not match.
     */
    private static String freeSlotFrom(DoctorSearchCriteria c) {
        return freeSlotFrom(c, doctorGuards(c, false));
    }

    /** {@link #freeSlotFrom(DoctorSearchCriteria)} with these {@link #doctorGuards} instead of all of them. */
    private static String freeSlotFrom(DoctorSearchCriteria c, String guards) {
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
    private static String doctorGuards(DoctorSearchCriteria c, boolean cityHolds) {
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
    private static String slotConditions(DoctorSearchCriteria c) {
        return clinicConditions(c) + dateConditions(c);
    }

    /** The search's conditions on clinic {@code c}: city, clinic, circle. */
    private static String clinicConditions(DoctorSearchCriteria c) {
        return clinicConditions(c, "c");
    }

    /** The search's conditions on clinic {@code alias}: city, clinic, circle. */
    private static String clinicConditions(DoctorSearchCriteria c, String alias) {
        return (c.city() != null ? " and lower(" + alias + ".city) = lower(:city)" : "")
                + (c.clinicId() != null ? " and " + alias + ".id = :clinicId" : "")
                + (c.near() != null ? " and " + inCircle(alias) : "");
    }

    /** The search's local dates on slot {@code s}. */
    private static String dateConditions(DoctorSearchCriteria c) {
        // instants bound the index range scan of a doctor's slots (zones lie within UTC-12..UTC+14); the slot's
        // local date (kept by a trigger, V6) decides
        return (c.from() != null && c.to() != null
                ? " and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                        + " and s.local_date between :fromDate and :toDate"
                : "");
    }

    private static final String BY_RATING = "d.rating_avg desc, d.rating_count desc, d.full_name, d.id";

    private static final String BY_DISTANCE = "distance_km, id";

    private static String orderBy(DoctorSearchCriteria c) {
        return switch (c.sort()) {
            case RATING, NEAREST_SLOT -> BY_RATING;
            case DISTANCE -> BY_DISTANCE;
            case NAME -> "d.full_name, d.id";
            case RELEVANCE -> {
                if (!words(c.name()).isEmpty()) {
                    yield "word_similarity(:q, d.search_name) desc, d.full_name, d.id";
                }
                yield c.near() != null ? BY_DISTANCE : BY_RATING;
            }
        };
    }

    private static OffsetDateTime utcStart(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Whether a filter that keeps a few percent of the doctors at most is given: name, specialty or clinic. */
    private static boolean selective(DoctorSearchCriteria c) {
        return !words(c.name()).isEmpty() || c.specialty() != null || c.clinicId() != null;
    }

    /** Whether the name also matches by word similarity: asked for, and long enough to carry a typo. */
    static boolean typoTolerant(DoctorSearchCriteria c) {
        return c.typoTolerant() && query(words(c.name())).length() >= 4;
    }

    private static String query(List<String> words) {
        return String.join(" ", words);
    }

    /** The query's words, lower case, ё folded to е, at most 5. */
    static List<String> words(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        var normalized = name.toLowerCase(Locale.ROOT).replace('ё', 'е').strip();
        var words = new ArrayList<String>();
        for (var word : normalized.split("\\s+")) {
            if (!word.isEmpty() && words.size() < 5) {
                words.add(word);
            }
        }
        return words;
    }

    /** Escapes LIKE wildcards so user input matches literally. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
