package io.polyclinic.booking.search;

import static io.polyclinic.booking.search.SearchPlan.hasDates;
import static io.polyclinic.booking.search.SearchPlan.selective;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.polyclinic.booking.search.SearchPlan.Driver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chooses a search's {@link SearchPlan} once, before any doctor is read, from the criteria and at most one small
 * statement: how many (clinic, doctor) pairs a circle holds beside a selective filter, or which doctors have a free
 * slot on the searched dates when a date filter comes alone.
 */
@Component
class SearchPlanner {

    /**
     * Below this many (clinic in the circle, doctor) pairs a circle drives a search even beside a selective filter:
     * reading them costs less than probing the filter's doctors one by one.
     */
    private static final int SMALL_CIRCLE_PAIRS = 2000;

    /**
     * Free slots of the searched local dates read to find their doctors before a date filter falls back to a probe
     * per doctor (see {@link #windowDoctors}).
     */
    private static final int WINDOW_SLOTS_SCANNED = 1000;

    private final SearchQueries queries;
    private final JdbcClient jdbc;

    /** Doctors per specialty code: a plan choice, so minutes-old figures do. */
    private final Cache<String, Integer> specialtySizes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(10_000)
            .build();

    SearchPlanner(SearchQueries queries, JdbcClient jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /** The plan of this search; free slots count when they start after {@code bookableFrom}. */
    SearchPlan plan(DoctorSearchCriteria c, Instant bookableFrom) {
        var draft = new SearchPlan(c, bookableFrom, Driver.DOCTORS, false, null);
        var circleDrives = circleDrives(draft);
        var source = circleDrives ? Driver.CLINICS : SearchPlan.daysFirst(c) ? Driver.DAYS : Driver.DOCTORS;
        var window = hasDates(c) && !selective(c) && c.near() == null ? windowDoctors(draft) : null;
        return new SearchPlan(c, bookableFrom, source, circleDrives, window);
    }

    /**
     * Whether the doctors of the searched circle (in the searched city and clinic, if any) drive the doctor-level
     * statements instead of a probe per doctor: always when no selective filter is given (otherwise every doctor
     * would be probed), and beside one when they are few. A city alone drives through the days or a probe.
     */
    private boolean circleDrives(SearchPlan draft) {
        var c = draft.criteria();
        if (c.near() == null) {
            return false;
        }
        if (!selective(c)) {
            return true;
        }
        // a specialty alone may hold a quarter of all doctors: the clinics drive whenever they hold fewer pairs
        var cap = NameMatch.words(c.name()).isEmpty() && c.clinicId() == null
                ? Math.max(SMALL_CIRCLE_PAIRS, specialtySizes.get(c.specialty(), queries::specialtySize))
                : SMALL_CIRCLE_PAIRS;
        return queries.pairCount(draft, GeoSql.clinicConditions(c), cap) < cap;
    }

    /**
     * A date filter alone probes doctors one by one until enough match: on a day few are free that is every doctor.
     * So first read the day's free slots: the doctors with a free slot matching the search's clinic conditions and
     * local dates, read clinic by clinic from the free slots of each clinic's local dates (an index-only range scan
     * of {@code slots_available_clinic_idx} per clinic), or null when there are {@link #WINDOW_SLOTS_SCANNED} such
     * slots or more (a busy day: probing doctors one by one finds enough of them sooner).
     */
    private List<UUID> windowDoctors(SearchPlan draft) {
        var params = SearchParams.of(draft).addValue("scan", WINDOW_SLOTS_SCANNED);
        // offset 0 keeps one range scan per clinic
        var sql = "select s.doctor_id from clinics c cross join lateral (select s.doctor_id, s.start_at, s.local_date"
                + " from slots s where s.clinic_id = c.id and s.status = 'AVAILABLE'"
                + " and s.start_at > :bookableFrom and s.start_at >= :rangeLow and s.start_at < :rangeHigh"
                + " and s.local_date between :fromDate and :toDate offset 0) s"
                + " where true" + SearchSql.slotConditions(draft.criteria()) + " limit :scan";
        var slots = jdbc.sql(sql).paramSource(params).query(UUID.class).list();
        return slots.size() >= WINDOW_SLOTS_SCANNED ? null : List.copyOf(new LinkedHashSet<>(slots));
    }
}
