package io.polyclinic.analytics.rollup;

import io.polyclinic.analytics.conversion.BookingGoal;
import io.polyclinic.analytics.conversion.ConversionService;
import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The summary report (S7): totals, a time series and breakdowns of one site over a span of days in the site's time
 * zone, read from the rollups only. {@code period=day} is today (hourly series), {@code week} the last 7 days and
 * {@code month} the last 30 (both including today, daily series); or {@code from}/{@code to}, two local dates, at
 * most 366 days apart.
 */
@Service
public class ReportService {

    /** The dimensions of the breakdowns, in the report's order. */
    public static final List<String> DIMENSIONS =
            List.of("page", "source", "utm_source", "utm_medium", "utm_campaign", "country", "device", "browser");

    private static final int MAX_DAYS = 366;
    private static final int TOP = 10;

    private final SiteService sites;
    private final ReportRepository repository;
    private final ConversionService conversions;
    private final Clock clock;

    public ReportService(SiteService sites, ReportRepository repository, ConversionService conversions, Clock clock) {
        this.sites = sites;
        this.conversions = conversions;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * @param period {@code day}, {@code week} or {@code month}; or null with {@code from} and {@code to}
     * @throws InvalidRequestException (400) for a missing or unknown period, a bad date or a span over 366 days
     * @throws io.polyclinic.platform.problem.NotFoundException (404) for a site the caller cannot see
     */
    @Transactional(readOnly = true)
    public Summary summary(
            AuthenticatedUser user, UUID siteId, @Nullable String period, @Nullable String from, @Nullable String to) {
        var site = sites.get(user, siteId);
        var zone = site.timeZone();
        var today = LocalDate.now(clock.withZone(zone));
        LocalDate first;
        LocalDate last;
        if (period != null && !period.isBlank()) {
            if (from != null || to != null) {
                throw new InvalidRequestException("period", "Give either period or from and to, not both.");
            }
            last = today;
            first = switch (period.strip().toLowerCase(Locale.ROOT)) {
                case "day" -> today;
                case "week" -> today.minusDays(6);
                case "month" -> today.minusDays(29);
                default -> throw new InvalidRequestException("period", "period is one of day, week, month.");
            };
        } else {
            if (from == null || to == null) {
                throw new InvalidRequestException("period", "Give period (day, week, month) or from and to.");
            }
            first = date("from", from);
            last = date("to", to);
            if (last.isBefore(first)) {
                throw new InvalidRequestException("to", "to is on or after from.");
            }
            if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                throw new InvalidRequestException("to", "A report spans at most " + MAX_DAYS + " days.");
            }
        }
        var start = first.atStartOfDay();
        var end = last.plusDays(1).atStartOfDay();
        boolean hourly = first.equals(last);
        var granularity = hourly ? "hour" : "day";

        var daily = repository.series(siteId, "day", start, end);
        long pv = 0, vi = 0, se = 0, bo = 0, du = 0, ev = 0;
        for (var day : daily) {
            pv += day.pageviews();
            vi += day.visitors();
            se += day.sessions();
            bo += day.bounces();
            du += day.duration();
            ev += day.events();
        }
        var totals = Summary.Figures.of(pv, vi, se, bo, du, ev);

        var rows = new HashMap<LocalDateTime, ReportRepository.Sums>();
        for (var row : hourly ? repository.series(siteId, "hour", start, end) : daily) {
            rows.put(LocalDateTime.parse(row.key().replace(' ', 'T')), row);
        }
        var series = new ArrayList<Summary.Point>();
        var step = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (var at = start; at.isBefore(end); at = at.plus(1, step)) {
            var row = rows.get(at);
            series.add(new Summary.Point(at, row == null ? Summary.Figures.of(0, 0, 0, 0, 0, 0) : figures(row)));
        }

        var breakdowns = new LinkedHashMap<String, List<Summary.Row>>();
        for (var dimension : DIMENSIONS) {
            breakdowns.put(
                    dimension,
                    repository.top(siteId, dimension, start, end, TOP).stream()
                            .map(row -> new Summary.Row(row.key(), figures(row)))
                            .toList());
        }
        var bookings = conversions.goal(
                siteId, start.atZone(zone).toInstant(), end.atZone(zone).toInstant());
        return new Summary(
                siteId,
                zone.getId(),
                first,
                last,
                granularity,
                totals,
                series,
                breakdowns,
                Map.of(BookingGoal.NAME, bookings));
    }

    private static Summary.Figures figures(ReportRepository.Sums row) {
        return Summary.Figures.of(
                row.pageviews(), row.visitors(), row.sessions(), row.bounces(), row.duration(), row.events());
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(field, field + " is a date such as 2026-12-01.");
        }
    }
}
