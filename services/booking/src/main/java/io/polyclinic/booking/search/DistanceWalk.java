package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.GeoSql.DISTANCE_KM;
import static io.polyclinic.booking.search.GeoSql.inCircle;

import io.polyclinic.booking.search.SearchPlan.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A page ordered by distance over many candidates: walk (clinic in the circle, doctor) pairs by distance, then
 * doctor id, for a bounded prefix (no doctor lookups but the prefix's); the first appearance of each doctor is at its
 * nearest clinic, so the first k distinct matching doctors of a prefix are the first k overall.
 */
@Component
class DistanceWalk {

    private final JdbcClient jdbc;
    private final SearchQueries queries;

    DistanceWalk(JdbcClient jdbc, SearchQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /**
     * The ids of the first {@code wanted} matching doctors by distance (fewer when fewer match), or null when four
     * ever longer prefixes could not prove them.
     */
    List<UUID> nearest(SearchPlan plan, long wanted) {
        var c = plan.criteria();
        // beside a filter that keeps a few percent of doctors, start with a prefix long enough to hold a page of them
        var scan = Math.max(200, wanted * (SearchPlan.selective(c) ? 40 : 4));
        for (int attempt = 0; attempt < 4; attempt++, scan *= 8) {
            var params = SearchParams.of(plan).addValue("scan", scan);
            var where = SearchSql.where(plan, Driver.NEARBY);
            var sql = "with prefix as (select dc.doctor_id, " + DISTANCE_KM + " distance_km"
                    + " from clinics c join doctor_clinics dc on dc.clinic_id = c.id where " + inCircle()
                    + " order by 2, 1 limit :scan)"
                    + " select p.doctor_id, (select count(*) from prefix) scanned from prefix p"
                    + " join doctors d on d.id = p.doctor_id"
                    + where
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
            if (doctors.isEmpty() ? queries.pairCount(plan, " and " + inCircle(), scan) < scan : scanned[0] < scan) {
                return doctors;
            }
        }
        return null;
    }
}
