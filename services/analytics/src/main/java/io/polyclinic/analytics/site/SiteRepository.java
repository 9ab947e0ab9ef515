package io.polyclinic.analytics.site;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of table {@code sites}. */
@Repository
public class SiteRepository {

    private static final String COLUMNS =
            "id, clinic_id, name, tracking_id, domains, time_zone, active, created_at, updated_at";

    private final JdbcClient jdbc;

    public SiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Site site) {
        jdbc.sql("""
                        insert into sites (id, clinic_id, name, tracking_id, domains, time_zone, active, created_at,
                                           updated_at)
                        values (:id, :clinic, :name, :tracking, :domains::text[], :zone, true, :created, :created)
                        """)
                .param("id", site.id())
                .param("clinic", site.clinicId())
                .param("name", site.name())
                .param("tracking", site.trackingId())
                .param("domains", arrayLiteral(site.domains()))
                .param("zone", site.timeZone().getId())
                .param("created", Timestamp.from(site.createdAt()))
                .update();
    }

    void update(Site site) {
        jdbc.sql("""
                        update sites set name = :name, domains = :domains::text[], time_zone = :zone,
                                         active = :active, updated_at = :updated
                        where id = :id
                        """)
                .param("id", site.id())
                .param("name", site.name())
                .param("domains", arrayLiteral(site.domains()))
                .param("zone", site.timeZone().getId())
                .param("active", site.active())
                .param("updated", Timestamp.from(site.updatedAt()))
                .update();
    }

    /** The site, active or not. */
    public Optional<Site> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from sites where id = ?")
                .param(id)
                .query(SiteRepository::map)
                .optional();
    }

    /** The site with this tracking id, active or not. */
    public Optional<Site> findByTrackingId(String trackingId) {
        return jdbc.sql("select " + COLUMNS + " from sites where tracking_id = ?")
                .param(trackingId)
                .query(SiteRepository::map)
                .optional();
    }

    /** The active sites among these tracking ids. */
    List<Site> findActiveByTrackingIds(Collection<String> trackingIds) {
        return jdbc.sql("select " + COLUMNS + " from sites where active and tracking_id = any(?)")
                .param(trackingIds.toArray(String[]::new))
                .query(SiteRepository::map)
                .list();
    }

    /** Active sites of the given clinics (all clinics when {@code clinicIds} is null), by name, one page. */
    List<Site> listActive(Collection<UUID> clinicIds, long offset, int limit) {
        if (clinicIds == null) {
            return jdbc.sql("select " + COLUMNS + " from sites where active order by name, id offset ? limit ?")
                    .param(offset)
                    .param(limit)
                    .query(SiteRepository::map)
                    .list();
        }
        return jdbc.sql("select " + COLUMNS
                        + " from sites where active and clinic_id = any(?::uuid[]) order by name, id offset ? limit ?")
                .param(uuidArrayLiteral(clinicIds))
                .param(offset)
                .param(limit)
                .query(SiteRepository::map)
                .list();
    }

    long countActive(Collection<UUID> clinicIds) {
        if (clinicIds == null) {
            return jdbc.sql("select count(*) from sites where active")
                    .query(Long.class)
                    .single();
        }
        return jdbc.sql("select count(*) from sites where active and clinic_id = any(?::uuid[])")
                .param(uuidArrayLiteral(clinicIds))
                .query(Long.class)
                .single();
    }

    private static Site map(ResultSet rs, int row) throws SQLException {
        Array domains = rs.getArray("domains");
        return new Site(
                rs.getObject("id", UUID.class),
                rs.getObject("clinic_id", UUID.class),
                rs.getString("name"),
                rs.getString("tracking_id"),
                Arrays.asList((String[]) domains.getArray()),
                ZoneId.of(rs.getString("time_zone")),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** A PostgreSQL array literal of host names (validated: letters, digits, dots and hyphens only). */
    private static String arrayLiteral(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static String uuidArrayLiteral(Collection<UUID> ids) {
        var text = ids.stream().map(UUID::toString).toList();
        return "{" + String.join(",", text) + "}";
    }
}
