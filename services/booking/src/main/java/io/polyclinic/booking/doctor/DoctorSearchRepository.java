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

    /** Free slots the time-ordered walk reads per hit wanted before it gives up and sorts every candidate. */
    private static final int SLOTS_SCANNED_PER_HIT = 50;

    private static final int MIN_SLOTS_SCANNED = 2_000;

    /** Great-circle kilometres from the searched point to clinic {@code c} (haversine). */
    private static final String DISTANCE_KM = "(" + GeoCircle.EARTH_RADIUS_KM
            + " * 2 * asin(least(1, sqrt(power(sin(radians(c.latitude - :lat) / 2), 2)"
            + " + cos(radians(:lat)) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - :lon) / 2), 2)))))";

    private final JdbcClient jdbc;

    public DoctorSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of hits, in the criteria's order.
     *
     * @param bookableFrom free slots count only when they start after this instant
     * @param candidates how many doctors match ({@link #count}, capped): decides how a nearest-slot sort runs
     */
    public List<Hit> search(DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit, long candidates) {
        if (c.sort() == DoctorSortOrder.NEAREST_SLOT) {
            return searchByNearestSlot(c, bookableFrom, offset, limit, candidates);
        }
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params, true);
        params.addValue("offset", offset).addValue("limit", limit);
        var order = orderBy(c);
        // the page's doctors first (index order or a sort of the candidates), then one nearest-slot probe per hit
        var sql = near(c)
                + "select d.id, d.full_name, d.status, d.rating_avg, d.rating_count, d.distance_km,"
                + " ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic"
                + " from (select d.id, d.full_name, d.search_name, d.status, d.rating_avg, d.rating_count, "
                + (c.near() != null ? "n.distance_km" : "null::double precision distance_km")
                + from(c)
                + where
                + " order by " + order + " offset :offset limit :limit) d"
                + " left join lateral (select s.id, s.start_at, s.end_at, s.clinic_id" + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true"
                + " order by " + order;
        return query(sql, params);
    }

    /**
     * Sort by nearest free slot. Few candidates (under the search's result cap): one LATERAL probe each, then a sort.
     * Many: walk the matching free slots in start order ({@code slots_available_start_idx}) for a bounded prefix; the
     * first k distinct doctors of a time-ordered prefix are the first k overall as long as the k-th doctor's first
     * slot starts before the prefix's last one (ties at that instant could hide beyond it). When the prefix cannot
     * prove the page, every candidate is probed (correct, slower).
     */
    private List<Hit> searchByNearestSlot(
            DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit, long candidates) {
        var wanted = offset + limit;
        var threshold = Math.max(MIN_SLOTS_SCANNED, wanted * SLOTS_SCANNED_PER_HIT);
        if (candidates > wanted * 2 && candidates >= 100) {
            var params = new MapSqlParameterSource();
            var where = where(c, bookableFrom, params, false);
            params.addValue("scan", threshold);
            var sql = (c.near() != null ? near(c) + ", " : "with ")
                    + "prefix as (select s.doctor_id, s.start_at from slots s join clinics c on c.id = s.clinic_id"
                    + " join doctors d on d.id = s.doctor_id"
                    + " where s.status = 'AVAILABLE' and s.start_at > :bookableFrom and d.status = 'ACTIVE'"
                    + slotConditions(c)
                    + where.replaceFirst("^ where ", " and ")
                    + " order by s.start_at limit :scan)"
                    + " select p.doctor_id, min(p.start_at) first_at,"
                    + " (select count(*) from prefix) scanned, (select max(start_at) from prefix) last_at"
                    + " from prefix p join doctors d on d.id = p.doctor_id"
                    + " group by p.doctor_id, d.full_name order by first_at, d.full_name, p.doctor_id";
            var firsts = new ArrayList<UUID>();
            var firstAts = new ArrayList<OffsetDateTime>();
            long[] scanned = {0};
            OffsetDateTime[] lastAt = {null};
            jdbc.sql(sql).paramSource(params).query(rs -> {
                firsts.add(rs.getObject("doctor_id", UUID.class));
                firstAts.add(rs.getObject("first_at", OffsetDateTime.class));
                scanned[0] = rs.getLong("scanned");
                lastAt[0] = rs.getObject("last_at", OffsetDateTime.class);
            });
            boolean exhausted = scanned[0] < threshold;
            boolean proven = firsts.size() >= wanted
                    && (exhausted || firstAts.get((int) wanted - 1).isBefore(lastAt[0]));
            if (proven) {
                var ids = firsts.subList((int) offset, (int) wanted);
                return byIds(c, bookableFrom, ids);
            }
        }
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params, true);
        params.addValue("offset", offset).addValue("limit", limit);
        var sql = near(c)
                + "select d.id, d.full_name, d.status, d.rating_avg, d.rating_count, "
                + (c.near() != null ? "n.distance_km" : "null::double precision distance_km")
                + ", ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic"
                + from(c)
                + " left join lateral (select s.id, s.start_at, s.end_at, s.clinic_id" + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true"
                + where
                + " order by ns.start_at asc nulls last, d.full_name, d.id offset :offset limit :limit";
        return query(sql, params);
    }

    /** These doctors (already known to match) as hits, by nearest free slot. */
    private List<Hit> byIds(DoctorSearchCriteria c, Instant bookableFrom, List<UUID> ids) {
        var params = new MapSqlParameterSource();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        slotParams(c, params);
        params.addValue("ids", ids);
        var sql = near(c)
                + "select d.id, d.full_name, d.status, d.rating_avg, d.rating_count, "
                + (c.near() != null ? "n.distance_km" : "null::double precision distance_km")
                + ", ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic"
                + from(c)
                + " left join lateral (select s.id, s.start_at, s.end_at, s.clinic_id" + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true"
                + " where d.id in (:ids)"
                + " order by ns.start_at asc nulls last, d.full_name, d.id";
        return query(sql, params);
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
        var where = where(c, bookableFrom, params, true);
        params.addValue("cap", cap);
        return jdbc.sql(near(c) + "select count(*) from (select 1" + from(c) + where + " limit :cap) x")
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
     * {@code with near as (...) } when the search has a circle: the doctors with a clinic in it and the distance to
     * the nearest such clinic. The bounding box runs on {@code clinics_location_idx}; the haversine check is exact.
     */
    private static String near(DoctorSearchCriteria c) {
        if (c.near() == null) {
            return "";
        }
        return "with near as (select dc.doctor_id, min(" + DISTANCE_KM + ") distance_km"
                + " from clinics c join doctor_clinics dc on dc.clinic_id = c.id where " + inCircle()
                + " group by dc.doctor_id) ";
    }

    /** Clinic {@code c} lies in the circle: bounding box (index) and exact distance. */
    private static String inCircle() {
        return "c.latitude between :minLat and :maxLat and (:lonSpan >= 180"
                + " or c.longitude between :lon - :lonSpan and :lon + :lonSpan"
                + " or c.longitude <= :lon + :lonSpan - 360 or c.longitude >= :lon - :lonSpan + 360)"
                + " and " + DISTANCE_KM + " <= :radiusKm";
    }

    private static String from(DoctorSearchCriteria c) {
        return c.near() != null ? " from doctors d join near n on n.doctor_id = d.id" : " from doctors d";
    }

    /**
     * The doctor-level conditions.
     *
     * @param withFreeSlot whether a date range demands a matching free slot (off when the query walks slots)
     */
    private static String where(
            DoctorSearchCriteria c, Instant bookableFrom, MapSqlParameterSource params, boolean withFreeSlot) {
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
            conditions.add(query(words).length() >= 4 ? "((" + match + ") or :q <% d.search_name)" : "(" + match + ")");
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
            conditions.add("""
                    exists (select 1 from doctor_clinics dc join clinics c on c.id = dc.clinic_id
                             where dc.doctor_id = d.id and lower(c.city) = lower(:city))""");
        }
        if (c.clinicId() != null) {
            conditions.add(
                    "exists (select 1 from doctor_clinics dc where dc.doctor_id = d.id and dc.clinic_id = :clinicId)");
        }
        if (withFreeSlot && c.from() != null && c.to() != null) {
            conditions.add("exists (select 1 " + freeSlotFrom(c) + ")");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
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
        return " from slots s join clinics c on c.id = s.clinic_id"
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

    private static final String BY_DISTANCE = "distance_km, d.full_name, d.id";

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
