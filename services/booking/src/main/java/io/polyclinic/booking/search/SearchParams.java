package io.polyclinic.booking.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The bind parameters of a search's statements: every value {@link SearchSql}, {@link GeoSql}, {@link DriverSql} and
 * {@link NameMatch} name, derived from the plan alone (a statement ignores the ones it does not name).
 */
final class SearchParams {

    private SearchParams() {}

    /** A fresh parameter source with all of the plan's values. */
    static MapSqlParameterSource of(SearchPlan plan) {
        var params = new MapSqlParameterSource();
        var c = plan.criteria();
        params.addValue("bookableFrom", OffsetDateTime.ofInstant(plan.bookableFrom(), ZoneOffset.UTC));
        NameMatch.params(c, params);
        if (c.city() != null) {
            params.addValue("city", c.city());
        }
        if (c.specialty() != null) {
            params.addValue("specialty", c.specialty());
        }
        if (c.clinicId() != null) {
            params.addValue("clinicId", c.clinicId());
        }
        if (c.status() != null) {
            params.addValue("status", c.status().name());
        }
        if (SearchPlan.hasDates(c)) {
            params.addValue("rangeLow", utcStart(c.from()).minusHours(14));
            params.addValue("rangeHigh", utcStart(c.to().plusDays(1)).plusHours(12));
            params.addValue("fromDate", c.from());
            params.addValue("toDate", c.to());
            int i = 0;
            for (var day = c.from(); !day.isAfter(c.to()); day = day.plusDays(1)) {
                params.addValue("workday" + i++, day);
            }
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
        if (plan.windowDoctors() != null) {
            params.addValue("windowDoctors", plan.windowDoctors());
        }
        return params;
    }

    private static OffsetDateTime utcStart(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
