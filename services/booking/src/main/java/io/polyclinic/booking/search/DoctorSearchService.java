package io.polyclinic.booking.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.search.DoctorView.SpecialtyRef;
import io.polyclinic.booking.search.SearchQueries.Hit;
import io.polyclinic.booking.shared.LocalDateRange;
import io.polyclinic.contracts.Language;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Doctor search and the doctor card, the public read side of doctors, both served through {@link BookingCache}
 * (writes elsewhere evict it). A search is planned once ({@link SearchPlanner}), lists its candidates, and runs again
 * typo-tolerant when nothing matches the name as typed (decision 0032). Search latency, cache hits included, is the
 * timer {@code polyclinic.search.latency}.
 */
@Service
public class DoctorSearchService {

    private final SearchPlanner planner;
    private final DoctorSearchRepository search;
    private final SearchQueries queries;
    private final SearchProperties properties;
    private final SearchRules rules;
    private final BookingCache cache;
    private final Timer searchLatency;
    private final Clock clock;

    DoctorSearchService(
            SearchPlanner planner,
            DoctorSearchRepository search,
            SearchQueries queries,
            SearchProperties properties,
            SearchRules rules,
            BookingCache cache,
            MeterRegistry meters,
            Clock clock) {
        this.planner = planner;
        this.search = search;
        this.queries = queries;
        this.properties = properties;
        this.rules = rules;
        this.cache = cache;
        this.searchLatency = Timer.builder("polyclinic.search.latency")
                .description("Doctor search (GET /api/v1/doctors and the admin search), cache hits included")
                .publishPercentileHistogram()
                .register(meters);
        this.clock = clock;
    }

    /**
     * Searches doctors: {@code totalItems} counts up to {@code polyclinic.booking.search.max-results}, and pages
     * beyond that are empty.
     *
     * @param language the language of specialty names
     * @throws InvalidRequestException (400) for an inverted or too wide date range
     */
    public PageResponse<DoctorView> search(DoctorSearchCriteria criteria, PageQuery page, Language language) {
        if (criteria.from() != null && criteria.to() != null) {
            LocalDateRange.of(criteria.from(), criteria.to(), rules.maxDateRangeDays());
        }
        var start = System.nanoTime();
        try {
            var key = language.tag() + ":" + page.page() + ":" + page.size() + ":" + criteria;
            @SuppressWarnings("unchecked")
            PageResponse<DoctorView> result =
                    cache.search(key, PageResponse.class, () -> load(criteria, page, language), p -> fresh(p.items()));
            return result;
        } finally {
            searchLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private PageResponse<DoctorView> load(DoctorSearchCriteria criteria, PageQuery page, Language language) {
        var cap = properties.maxResults();
        var plan = planner.plan(criteria, bookableFrom());
        var candidates = search.candidates(plan, cap);
        if (candidates.isEmpty() && NameMatch.typoTolerant(criteria.withTypoTolerance(true))) {
            // nothing as typed: forgive a typo (one edit in a word, decision 0032)
            plan = plan.typoTolerant();
            candidates = search.candidates(plan, cap);
        }
        long total = candidates.size();
        if (total == 0 || page.offset() >= total) {
            return PageResponse.of(List.of(), page, total);
        }
        var limit = (int) Math.min(page.size(), total - page.offset());
        var hits = search.page(plan, page.offset(), limit, candidates, cap);
        return PageResponse.of(views(hits, language), page, total);
    }

    /** Whether cached hits still show bookable nearest slots (time moves them into the min-notice window). */
    private boolean fresh(List<?> views) {
        var bookableFrom = bookableFrom();
        for (var item : views) {
            var slot = item instanceof DoctorView v ? v.nearestFreeSlot() : ((DoctorCard) item).nearestFreeSlot();
            if (slot != null && !slot.start().isAfter(bookableFrom)) {
                return false;
            }
        }
        return true;
    }

    /** The doctor card, from the cache when it is still fresh. @throws NotFoundException (404) for an unknown id */
    public DoctorCard card(UUID id, Language language) {
        return cache.card(id, language, DoctorCard.class, () -> freshCard(id, language), c -> fresh(List.of(c)));
    }

    /**
     * The doctor card read now, past the cache: what a write answers with.
     *
     * @throws NotFoundException (404) for an unknown id
     */
    public DoctorCard freshCard(UUID id, Language language) {
        var card = queries.card(id, bookableFrom()).orElseThrow(() -> new NotFoundException("doctor", id));
        var view = views(List.of(card.hit()), language).getFirst();
        return DoctorCard.of(view, card);
    }

    /** Free slots count from now plus the minimum notice: a slot shown as free can be booked. */
    private Instant bookableFrom() {
        return clock.instant().plus(rules.minNotice());
    }

    private List<DoctorView> views(List<Hit> hits, Language language) {
        var ids = hits.stream().map(Hit::id).toList();
        Map<UUID, List<SpecialtyRef>> specialtiesById = new HashMap<>();
        for (var row : queries.specialtiesOf(ids)) {
            specialtiesById
                    .computeIfAbsent(row.doctorId(), k -> new ArrayList<>())
                    .add(new SpecialtyRef(row.code(), language == Language.RU ? row.nameRu() : row.nameEn()));
        }
        var clinicsById = queries.clinicsOf(ids);
        return hits.stream()
                .map(h -> new DoctorView(
                        h.id(),
                        h.fullName(),
                        List.copyOf(specialtiesById.getOrDefault(h.id(), List.of())),
                        h.status(),
                        List.copyOf(clinicsById.getOrDefault(h.id(), List.of())),
                        h.rating(),
                        h.reviewCount(),
                        h.nearest(),
                        h.distanceKm()))
                .toList();
    }
}
