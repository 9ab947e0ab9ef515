package io.polyclinic.booking.search;

import io.polyclinic.booking.search.DoctorView.ClinicRef;
import io.polyclinic.booking.search.DoctorView.NearestSlot;
import io.polyclinic.booking.shared.DoctorStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements every part of the search shares: reading hits, hits by id, counting a circle's (clinic, doctor)
 * pairs, and what a page and a card show beside the hits (specialties, clinics, the card's details).
 */
@Repository
class SearchQueries {

    /** A search hit before its specialties and clinics are attached; {@code distanceKm} rounded to 0.01. */
    record Hit(
            UUID id,
            String fullName,
            DoctorStatus status,
            double rating,
            int reviewCount,
            NearestSlot nearest,
            Double distanceKm) {}

    /** A specialty of a doctor, both names. */
    record SpecialtyRow(UUID doctorId, String code, String nameRu, String nameEn) {}

    /** What a card shows beyond a hit. */
    record CardDetails(Hit hit, String bio, Integer experienceYears, String photoUrl, String phone, String email) {}

    private final JdbcClient jdbc;

    SearchQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs a statement selecting {@link SearchSql#select} columns. */
    List<Hit> hits(String sql, MapSqlParameterSource params) {
        return jdbc.sql(sql).paramSource(params).query((rs, n) -> hit(rs)).list();
    }

    /** These doctors (already known to match) as hits, in {@code order} (over the selected columns). */
    List<Hit> byIds(SearchPlan plan, List<UUID> ids, String order) {
        var c = plan.criteria();
        var params = SearchParams.of(plan).addValue("ids", ids);
        var sql = "select * from (" + SearchSql.select(c) + " from doctors d" + SearchSql.nearestSlotJoin(c)
                + " where d.id in (:ids)) d order by " + order;
        return hits(sql, params);
    }

    /**
     * How many (clinic, doctor) pairs there are whose clinic meets {@code clinicConditions} (over clinic {@code c},
     * each starting with {@code and}), counting at most {@code cap}.
     */
    long pairCount(SearchPlan plan, String clinicConditions, long cap) {
        var params = SearchParams.of(plan).addValue("cap", cap);
        return jdbc.sql("select count(*) from (select 1 from clinics c join doctor_clinics dc on dc.clinic_id = c.id"
                        + " where true" + clinicConditions + " limit :cap) x")
                .paramSource(params)
                .query(Long.class)
                .single();
    }

    /** How many doctors have this specialty. */
    int specialtySize(String code) {
        return jdbc.sql("select count(*) from doctor_specialties where specialty_code = ?")
                .param(code)
                .query(Integer.class)
                .single();
    }

    /** The earliest AVAILABLE slot of an ACTIVE doctor starting after {@code bookableFrom}, or null. */
    NearestSlot nearestSlot(UUID doctorId, Instant bookableFrom) {
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

    /** A doctor's card fields with its nearest free slot after {@code bookableFrom}; empty for an unknown id. */
    Optional<CardDetails> card(UUID id, Instant bookableFrom) {
        return jdbc.sql("""
                select d.id, d.full_name, d.bio, d.experience_years, d.photo_url, d.phone, d.email, d.status,
                       d.rating_avg, d.rating_count
                  from doctors d where d.id = ?
                """)
                .param(id)
                .query((rs, n) -> new CardDetails(
                        new Hit(
                                rs.getObject("id", UUID.class),
                                rs.getString("full_name"),
                                DoctorStatus.valueOf(rs.getString("status")),
                                rs.getDouble("rating_avg"),
                                rs.getInt("rating_count"),
                                null,
                                null),
                        rs.getString("bio"),
                        rs.getObject("experience_years", Integer.class),
                        rs.getString("photo_url"),
                        rs.getString("phone"),
                        rs.getString("email")))
                .optional()
                .map(card -> new CardDetails(
                        withNearest(card.hit(), nearestSlot(id, bookableFrom)),
                        card.bio(),
                        card.experienceYears(),
                        card.photoUrl(),
                        card.phone(),
                        card.email()));
    }

    private static Hit withNearest(Hit h, NearestSlot nearest) {
        return new Hit(h.id(), h.fullName(), h.status(), h.rating(), h.reviewCount(), nearest, h.distanceKm());
    }

    /** The specialties of these doctors, by code. */
    List<SpecialtyRow> specialtiesOf(Collection<UUID> doctorIds) {
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
    Map<UUID, List<ClinicRef>> clinicsOf(Collection<UUID> doctorIds) {
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

    private static Hit hit(ResultSet rs) throws SQLException {
        var slotId = rs.getObject("ns_id", UUID.class);
        var nearest = slotId == null
                ? null
                : new NearestSlot(
                        slotId,
                        rs.getObject("ns_start", OffsetDateTime.class).toInstant(),
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
    }
}
