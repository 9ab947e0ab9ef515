package io.polyclinic.booking.clinic;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code clinics}. */
@Repository
public class ClinicRepository {

    private static final String COLUMNS = "id, name, address, city, latitude, longitude, time_zone, phone";
    private static final RowMapper<Clinic> MAPPER = (rs, n) -> new Clinic(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getString("address"),
            rs.getString("city"),
            rs.getDouble("latitude"),
            rs.getDouble("longitude"),
            rs.getString("time_zone"),
            rs.getString("phone"));

    private final JdbcClient jdbc;

    public ClinicRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Clinic clinic) {
        jdbc.sql("insert into clinics (" + COLUMNS + ") values (:id, :name, :address, :city, :lat, :lon, :tz, :phone)")
                .paramSource(params(clinic))
                .update();
    }

    public boolean update(Clinic clinic) {
        return jdbc.sql("""
                update clinics set name = :name, address = :address, city = :city, latitude = :lat,
                       longitude = :lon, time_zone = :tz, phone = :phone, updated_at = now()
                 where id = :id
                """).paramSource(params(clinic)).update() > 0;
    }

    public Optional<Clinic> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from clinics where id = ?")
                .param(id)
                .query(MAPPER)
                .optional();
    }

    /** The clinics with these ids, in no particular order; unknown ids are missing from the answer. */
    public List<Clinic> findAllById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from clinics where id in (:ids)")
                .param("ids", ids)
                .query(MAPPER)
                .list();
    }

    /** One page ordered by name, optionally only in {@code city} (case-insensitive, exact). */
    public List<Clinic> findPage(String city, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from clinics where (cast(:city as text) is null or lower(city) = lower(:city))"
                        + " order by name, id offset :offset limit :limit")
                .param("city", city)
                .param("offset", offset)
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    public long count(String city) {
        return jdbc.sql(
                        "select count(*) from clinics where (cast(:city as text) is null or lower(city) = lower(:city))")
                .param("city", city)
                .query(Long.class)
                .single();
    }

    /** Whether PostgreSQL knows this time zone name (exact case), so {@code at time zone} accepts it. */
    public boolean isKnownTimeZone(String name) {
        return jdbc.sql("select exists (select 1 from pg_timezone_names where name = ?)")
                .param(name)
                .query(Boolean.class)
                .single();
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Clinic clinic) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("id", clinic.id())
                .addValue("name", clinic.name())
                .addValue("address", clinic.address())
                .addValue("city", clinic.city())
                .addValue("lat", clinic.latitude())
                .addValue("lon", clinic.longitude())
                .addValue("tz", clinic.timeZone())
                .addValue("phone", clinic.phone());
    }
}
