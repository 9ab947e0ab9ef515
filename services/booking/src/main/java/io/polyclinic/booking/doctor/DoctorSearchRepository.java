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
 * Doctor search in SQL: name through the trigram-indexed {@code doctors.search_name} (LIKE per word, plus
 * word similarity for typos), filters as EXISTS subqueries, the nearest free slot as a LATERAL subquery served
 * by the partial index {@code slots_available_idx}.
 */
@Repository
public class DoctorSearchRepository {

    /** A search hit before its specialties and clinics are attached. */
    public record Hit(
            UUID id, String fullName, DoctorStatus status, double rating, int reviewCount, NearestSlot nearest) {}

    /** A specialty of a doctor, both names. */
    public record SpecialtyRow(UUID doctorId, String code, String nameRu, String nameEn) {}

    private final JdbcClient jdbc;

    public DoctorSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of hits.
     *
     * @param bookableFrom free slots count only when they start after this instant
     */
    public List<Hit> search(DoctorSearchCriteria c, Instant bookableFrom, long offset, int limit) {
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params);
        params.addValue("offset", offset).addValue("limit", limit);
        var sql = """
                select d.id, d.full_name, d.status, d.rating_avg, d.rating_count,
                       ns.id ns_id, ns.start_at ns_start, ns.end_at ns_end, ns.clinic_id ns_clinic
                  from doctors d
                  left join lateral (
                        select s.id, s.start_at, s.end_at, s.clinic_id"""
                + freeSlotFrom(c)
                + " order by s.start_at limit 1) ns on true"
                + where
                + " order by "
                + orderBy(c)
                + " offset :offset limit :limit";
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
                    return new Hit(
                            rs.getObject("id", UUID.class),
                            rs.getString("full_name"),
                            DoctorStatus.valueOf(rs.getString("status")),
                            rs.getDouble("rating_avg"),
                            rs.getInt("rating_count"),
                            nearest);
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

    /** How many doctors match. */
    public long count(DoctorSearchCriteria c, Instant bookableFrom) {
        var params = new MapSqlParameterSource();
        var where = where(c, bookableFrom, params);
        return jdbc.sql("select count(*) from doctors d " + where)
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

    private static String where(DoctorSearchCriteria c, Instant bookableFrom, MapSqlParameterSource params) {
        var conditions = new ArrayList<String>();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(bookableFrom, ZoneOffset.UTC));
        var words = words(c.name());
        if (!words.isEmpty()) {
            var likes = new ArrayList<String>();
            for (int i = 0; i < words.size(); i++) {
                likes.add("d.search_name like :w" + i + " escape '\\'");
                params.addValue("w" + i, "%" + escapeLike(words.get(i)) + "%");
            }
            var query = String.join(" ", words);
            params.addValue("q", query);
            var match = String.join(" and ", likes);
            // word similarity (pg_trgm, threshold 0.6) forgives a typo in queries long enough to carry one
            conditions.add(query.length() >= 4 ? "((" + match + ") or :q <% d.search_name)" : "(" + match + ")");
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
            params.addValue("city", c.city());
        }
        if (c.clinicId() != null) {
            conditions.add(
                    "exists (select 1 from doctor_clinics dc where dc.doctor_id = d.id and dc.clinic_id = :clinicId)");
            params.addValue("clinicId", c.clinicId());
        }
        if (c.from() != null && c.to() != null) {
            conditions.add("exists (select 1 " + freeSlotFrom(c) + ")");
            params.addValue("rangeLow", utcStart(c.from()).minusHours(14));
            params.addValue("rangeHigh", utcStart(c.to().plusDays(1)).plusHours(12));
            params.addValue("fromDate", c.from());
            params.addValue("toDate", c.to());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * {@code from ... where ...} of the free slots of doctor {@code d} that match the search: AVAILABLE, bookable
     * (after {@code :bookableFrom}), of an ACTIVE doctor, and in the searched city, clinic and local dates. Both the
     * nearest free slot and the date filter use it, so a hit never shows a slot the filters would not match.
     */
    private static String freeSlotFrom(DoctorSearchCriteria c) {
        // instants bound the index range scan (zones lie within UTC-12..UTC+14); the local date decides
        return " from slots s join clinics c on c.id = s.clinic_id"
                + " where s.doctor_id = d.id and s.status = 'AVAILABLE' and s.start_at > :bookableFrom"
                + " and d.status = 'ACTIVE'"
                + (c.city() != null ? " and lower(c.city) = lower(:city)" : "")
                + (c.clinicId() != null ? " and c.id = :clinicId" : "")
                + (c.from() != null && c.to() != null
                        ? " and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                                + " and (s.start_at at time zone c.time_zone)::date between :fromDate and :toDate"
                        : "")
                + " ";
    }

    private static String orderBy(DoctorSearchCriteria c) {
        return switch (c.sort()) {
            case RATING -> "d.rating_avg desc, d.rating_count desc, d.full_name, d.id";
            case NEAREST_SLOT -> "ns.start_at asc nulls last, d.full_name, d.id";
            case NAME -> "d.full_name, d.id";
            case RELEVANCE ->
                words(c.name()).isEmpty()
                        ? "d.rating_avg desc, d.rating_count desc, d.full_name, d.id"
                        : "word_similarity(:q, d.search_name) desc, d.full_name, d.id";
        };
    }

    private static OffsetDateTime utcStart(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
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
