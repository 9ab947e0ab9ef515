package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.SearchSql.BY_DISTANCE;
import static io.polyclinic.booking.search.SearchSql.DOCTOR_COLUMNS;
import static io.polyclinic.booking.search.SearchSql.NEAREST_FIRST;
import static io.polyclinic.booking.search.SearchSql.and;
import static io.polyclinic.booking.search.SearchSql.nearestSlotJoin;
import static io.polyclinic.booking.search.SearchSql.orderBy;
import static io.polyclinic.booking.search.SearchSql.select;

import io.polyclinic.booking.search.SearchPlan.Driver;
import io.polyclinic.booking.search.SearchQueries.Hit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Doctor search in SQL, every step served by an index (plans in docs/performance.md, decisions 0013, 0023, 0032): a
 * search lists its candidates once ({@link #candidates}) from its plan's source and, when they are fewer than the
 * cap, only sorts them; otherwise the page's driver finds the page ({@link #page}): the order's index, a walk of
 * free slots ({@link SlotWalk}), a walk of clinics by distance ({@link DistanceWalk}) or the circle's clinics. The
 * nearest free slot is a LATERAL probe of {@code slots_available_idx} for the page's doctors only.
 */
@Repository
class DoctorSearchRepository {

    private final JdbcClient jdbc;
    private final SearchQueries queries;
    private final SlotWalk slotWalk;
    private final DistanceWalk distanceWalk;

    DoctorSearchRepository(JdbcClient jdbc, SearchQueries queries, SlotWalk slotWalk, DistanceWalk distanceWalk) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.slotWalk = slotWalk;
        this.distanceWalk = distanceWalk;
    }

    /**
     * The ids of the doctors that match, at most {@code cap} of them in no particular order: a broad search stops
     * there (the exact number of thousands of hits costs a scan and helps nobody), and fewer than {@code cap} are all
     * of them, which {@link #page} then only has to sort.
     */
    List<UUID> candidates(SearchPlan plan, int cap) {
        var c = plan.criteria();
        var where = SearchSql.where(plan, plan.source());
        var from =
                switch (plan.source()) {
                    case CLINICS -> DriverSql.clinicsDriven(c) + and(where);
                    case DAYS -> DriverSql.daysDriven(c) + and(where);
                    default -> " from doctors d" + where;
                };
        return jdbc.sql("select d.id" + from + " limit :cap")
                .paramSource(SearchParams.of(plan).addValue("cap", cap))
                .query(UUID.class)
                .list();
    }

    /**
     * One page of hits, in the criteria's order.
     *
     * @param candidates the matching doctors as {@link #candidates} found them: all of them when fewer than
     *     {@code cap}, and then only they are read and sorted; otherwise the page's driver finds the page
     * @param cap where {@link #candidates} stopped
     */
    List<Hit> page(SearchPlan plan, long offset, int limit, List<UUID> candidates, int cap) {
        if (candidates.size() < cap) {
            return fromCandidates(plan, candidates, offset, limit);
        }
        var driver = plan.pageDriver();
        if (driver == Driver.SLOT_WALK) {
            return slotWalk.page(plan, offset, limit);
        }
        if (driver == Driver.NEARBY) {
            var walked = distanceWalk.nearest(plan, offset + limit);
            if (walked != null) {
                var ids = walked.subList((int) Math.min(offset, walked.size()), walked.size());
                return ids.isEmpty() ? List.of() : queries.byIds(plan, ids, BY_DISTANCE);
            }
        }
        return byIndex(plan, driver, offset, limit);
    }

    /**
     * The page's doctors first (in the order's index, a top-N sort of the circle's doctors, or of the circle's pairs
     * by distance when the walk proved nothing), then one nearest-slot probe per hit.
     */
    private List<Hit> byIndex(SearchPlan plan, Driver driver, long offset, int limit) {
        var c = plan.criteria();
        var where = SearchSql.where(plan, driver);
        var order = orderBy(c);
        var from =
                switch (driver) {
                    case NEARBY -> ", n.distance_km" + DriverSql.NEAR_DRIVEN + where;
                    case CLINICS -> DriverSql.clinicsDriven(c) + and(where);
                    default -> " from doctors d" + where;
                };
        var sql = (driver == Driver.NEARBY ? DriverSql.near() : "")
                + select(c)
                + " from (" + DOCTOR_COLUMNS
                + from
                + " order by " + order + " offset :offset limit :limit) d"
                + nearestSlotJoin(c)
                + " order by " + order;
        return queries.hits(
                sql, SearchParams.of(plan).addValue("offset", offset).addValue("limit", limit));
    }

    /**
     * A page of these doctors (all the matching ones, fewer than the cap) in the criteria's order: a sort of the
     * candidates, then one nearest-slot probe per hit (per candidate for a nearest-slot or distance sort, whose order
     * needs them).
     */
    private List<Hit> fromCandidates(SearchPlan plan, List<UUID> candidates, long offset, int limit) {
        var c = plan.criteria();
        var params = SearchParams.of(plan)
                .addValue("ids", candidates)
                .addValue("offset", offset)
                .addValue("limit", limit);
        var order = c.sort() == DoctorSortOrder.NEAREST_SLOT ? NEAREST_FIRST : orderBy(c);
        String sql;
        if (order.equals(NEAREST_FIRST) || order.equals(BY_DISTANCE)) {
            sql = "select * from (" + select(c) + " from doctors d" + nearestSlotJoin(c) + " where d.id in (:ids)) d"
                    + " order by " + order + " offset :offset limit :limit";
        } else {
            sql = select(c) + " from (" + DOCTOR_COLUMNS + " from doctors d where d.id in (:ids) order by " + order
                    + " offset :offset limit :limit) d" + nearestSlotJoin(c) + " order by " + order;
        }
        return queries.hits(sql, params);
    }
}
