package io.polyclinic.booking.doctor;

import io.polyclinic.booking.doctor.DoctorView.ClinicRef;
import io.polyclinic.booking.doctor.DoctorView.NearestSlot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * instead ({@code slots_available_start_idx}), see {@link #searchByNearestSlot}.
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

    public DoctorSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of hits, in the criteria's order.
     *
     * @param bookableFrom free slots count only when they start after this instant
     * @param candidates how many doctors match ({@link #count}, capped): decides how a nearest-slot sort runs
     * @param cap where {@link #count} stopped counting: fewer candidates are all of them
     */
    public List<Hit> search(
            DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit, long candidates, int cap) {
        if (c.sort() == DoctorSortOrder.NEAREST_SLOT) {
            return searchByNearestSlot(c, bookableFrom, offset, limit, candidates);
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
        // the circle's doctors, sorted, when they are few: a circle beside a selective filter that is small, or one
        // without such a filter whose hits were all counted; many hits come early in the order's index instead
        var circleFirst =
                !byDistance && c.near() != null && (selective(c) ? circleFirst(c, bookableFrom) : candidates < cap);
        var where = where(c, bookableFrom, params, true, !byDistance && !circleFirst);
        params.addValue("offset", offset).addValue("limit", limit);
        var order = orderBy(c);
        String from;
        if (byDistance) {
            from = ", n.distance_km" + NEAR_DRIVEN + where;
        } else {
            from = circleFirst ? circleDriven() + and(where) : " from doctors d" + where;
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
     * Sort by nearest free slot (ties by doctor id, doctors without one last, by id). Few candidates (under the
     * search's result cap): one LATERAL probe each, then a sort. Many: walk the matching free slots in
     * {@code (start_at, doctor_id)} order on {@code slots_available_start_idx} for a bounded prefix. The first
     * appearance of each doctor in that stream is at its nearest slot, so the first k distinct doctors of any prefix
     * are the first k overall: the walk proves the page as soon as the prefix holds k doctors, or holds every matching
     * free slot (then doctors without one follow).
     */
    private List<Hit> searchByNearestSlot(
            DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit, long candidates) {
        var wanted = offset + limit;
        if (candidates > wanted * 2 && candidates >= 100) {
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
                    hits.addAll(
                            withoutFreeSlot(c, bookableFrom, Math.max(0, offset - found.size()), limit - hits.size()));
                    return hits;
                }
            }
        }
        var params = new MapSqlParameterSource();
        var circleFirst = circleFirst(c, bookableFrom);
        var where = where(c, bookableFrom, params, true, !circleFirst);
        params.addValue("offset", offset).addValue("limit", limit);
        var from = circleFirst
                ? " from (select d.*" + circleDriven() + and(where) + ") d" + nearestSlotJoin(c)
                : " from doctors d" + nearestSlotJoin(c) + where;
        var sql = "select * from (" + select(c) + from + ") d" + " order by " + NEAREST_FIRST
                + " offset :offset limit :limit";
        return query(sql, params);
    }

    /** The distinct doctors of the first {@code scan} matching free slots, in stream order. */
    private record Walk(List<UUID> doctors, boolean exhausted) {}

    private Walk walk(DoctorSearchCriteria c, Instant bookableFrom, long scan) {
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params, false, false);
        params.addValue("scan", scan);
        // the doctor is looked up only for slots whose clinic matches (local date, city): the lateral reference to
        // c orders the joins; as a plain join the planner probed a doctor for each of ~100,000 slots a date walk
        // reads before the first one of the searched local day
        var sql = "with prefix as (select s.doctor_id, s.start_at from slots s join clinics c on c.id = s.clinic_id"
                + " cross join lateral (select * from doctors d0 where d0.id = s.doctor_id and c.id is not null"
                + " offset 0) d"
                + " where s.status = 'AVAILABLE' and s.start_at > :bookableFrom and d.status = 'ACTIVE'"
                + slotConditions(c)
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

    /** Matching doctors without a matching free slot, by id: the tail of a nearest-slot sort. */
    private List<Hit> withoutFreeSlot(DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var params = new MapSqlParameterSource();
        var circleFirst = circleFirst(c, bookableFrom);
        var where = where(c, bookableFrom, params, true, !circleFirst);
        params.addValue("offset", offset).addValue("limit", limit);
        var without = "not exists (select 1 " + freeSlotFrom(c) + ")";
        var sql = circleFirst
                ? select(c) + " from (select d.*" + circleDriven() + and(where) + " and " + without + ") d"
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
            var where = where(c, bookableFrom, params, true, false);
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
            if (doctors.isEmpty() ? scanCount(c, bookableFrom, scan) < scan : scanned[0] < scan) {
                return doctors;
            }
        }
        return null;
    }

    /** How many (clinic in the circle, doctor) pairs there are, counting at most {@code cap}. */
    private long scanCount(DoctorSearchCriteria c, Instant bookableFrom, long cap) {
        var params = new MapSqlParameterSource();
        slotParams(c, params);
        params.addValue("cap", cap);
        return jdbc.sql("select count(*) from (select 1 from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                        + " where " + inCircle() + " limit :cap) x")
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
     * How many doctors match, counting at most {@code cap} (a broad search stops counting there: the exact number of
     * thousands of hits costs a scan and helps nobody).
     */
    public long count(DoctorSearchCriteria c, Instant bookableFrom, int cap) {
        var params = new MapSqlParameterSource();
        var circleFirst = circleFirst(c, bookableFrom);
        var where = where(c, bookableFrom, params, true, !circleFirst);
        params.addValue("cap", cap);
        var from = circleFirst ? circleDriven() + and(where) : " from doctors d" + where;
        return jdbc.sql("select count(*) from (select 1" + from + " limit :cap) x")
                .paramSource(params)
                .query(Long.class)
                .single();
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
     * {@code from ... where ...}: the doctors {@code d} with a clinic in the circle, each once (at its clinic in the
     * circle with the lowest id, so no de-duplication holds back a LIMIT), read from {@code clinics_location_idx} and
     * {@code doctor_clinics_clinic_idx} with one primary-key probe per doctor ({@code offset 0} keeps the probe a
     * nested loop: a hash join would scan every doctor and apply the filters to each). The caller appends
     * {@code and} conditions on {@code d}.
     */
    private static String circleDriven() {
        return " from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                + " cross join lateral (select * from doctors d0 where d0.id = dc.doctor_id offset 0) d"
                + " where " + inCircle()
                + " and not exists (select 1 from doctor_clinics dc2" + clinicOf("dc2.clinic_id", "c2")
                + " where dc2.doctor_id = dc.doctor_id and dc2.clinic_id < dc.clinic_id and " + inCircle("c2") + ")";
    }

    /** {@code where} conditions (as {@link #where} builds them) appended to a source that has its own where. */
    private static String and(String where) {
        return where.replaceFirst("^ where ", " and ");
    }

    /**
     * Whether the circle's doctors drive the doctor-level queries instead of a probe per doctor: always when no
     * selective filter is given (otherwise every doctor would be probed), and beside one when the circle is small.
     */
    private boolean circleFirst(DoctorSearchCriteria c, Instant bookableFrom) {
        return c.near() != null
                && (!selective(c) || scanCount(c, bookableFrom, SMALL_CIRCLE_PAIRS) < SMALL_CIRCLE_PAIRS);
    }

    /**
     * The doctor-level conditions.
     *
     * @param withFreeSlot whether a date range demands a matching free slot (off when the query walks slots)
     * @param withCircle whether a circle demands a clinic in it (off when the query walks slots or {@code near})
     */
    private String where(
            DoctorSearchCriteria c,
            Instant bookableFrom,
            MapSqlParameterSource params,
            boolean withFreeSlot,
            boolean withCircle) {
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
        if (c.specialty() != null) {
            conditions.add(
                    "exists (select 1 from doctor_specialties ds where ds.doctor_id = d.id and ds.specialty_code = :specialty)");
            params.addValue("specialty", c.specialty());
        }
        if (c.status() != null) {
            conditions.add("d.status = :status");
            params.addValue("status", c.status().name());
        } else if (!c.includeInactive()) {
            conditions.add("d.status <> 'INACTIVE'");
        }
        if (c.city() != null) {
            var probe = "select 1 from doctor_clinics dc join clinics c on c.id = dc.clinic_id"
                    + " where dc.doctor_id = d.id and lower(c.city) = lower(:city)";
            // a walk over slots checks the few doctors it meets (a scalar subquery stays a per-row probe): as a
            // semi-join the planner crossed the city's doctors with its clinics before reading any slot
            conditions.add(withFreeSlot ? "exists (" + probe + ")" : "(" + probe + " limit 1) is not null");
        }
        if (c.clinicId() != null) {
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
            conditions.add("(select 1 " + freeSlotFrom(c) + " limit 1) is not null");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * The doctors with a free slot matching the search's clinic conditions and local dates, read clinic by clinic
     * from the free slots of each clinic's local-date window (an index-only range scan of
     * {@code slots_available_clinic_idx} per clinic), or null when there are {@link #WINDOW_SLOTS_SCANNED} such slots
     * or more (a busy day: probing doctors one by one finds enough of them sooner).
     */
    private List<UUID> windowDoctors(DoctorSearchCriteria c, Instant bookableFrom) {
        var params = new MapSqlParameterSource();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        params.addValue("scan", WINDOW_SLOTS_SCANNED);
        // the clinic's local midnights as instants, widened by 3 h for daylight saving quirks (the local date
        // itself is checked exactly by slotConditions); offset 0 keeps one range scan per clinic
        var sql = "select s.doctor_id from clinics c cross join lateral (select s.doctor_id, s.start_at from slots s"
                + " where s.clinic_id = c.id and s.status = 'AVAILABLE' and s.start_at > :bookableFrom"
                + " and s.start_at >= (cast(:fromDate as timestamp) at time zone c.time_zone) - interval '3 hours'"
                + " and s.start_at < (cast(cast(:toDate as date) + 1 as timestamp) at time zone c.time_zone)"
                + " + interval '3 hours' offset 0) s"
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
        return " from slots s" + clinicOf("s.clinic_id", "c")
                + " where s.doctor_id = d.id and s.status = 'AVAILABLE' and s.start_at > :bookableFrom"
                + " and d.status = 'ACTIVE'"
                + slotConditions(c)
                + " ";
    }

    /** The conditions on a free slot {@code s} in clinic {@code c} beyond being free and bookable. */
    private static String slotConditions(DoctorSearchCriteria c) {
        // instants bound the index range scan (zones lie within UTC-12..UTC+14); the local date decides
        return (c.city() != null ? " and lower(c.city) = lower(:city)" : "")
                + (c.clinicId() != null ? " and c.id = :clinicId" : "")
                + (c.near() != null ? " and " + inCircle() : "")
                + (c.from() != null && c.to() != null
                        ? " and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                                + " and (s.start_at at time zone c.time_zone)::date between :fromDate and :toDate"
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
