package io.polyclinic.web.patient;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The doctor search's fields as the page sends them; blank fields are left out of the API call. Lengths are clipped
 * to the API's limits so that a long query is a search, not an error page.
 *
 * @param name part of the doctor's name
 * @param specialty a specialty code
 * @param city a city
 * @param date a day with a free slot (the clinic's local date)
 * @param lat latitude of "near me" (filled by the browser after consent)
 * @param lon longitude of "near me"
 * @param sort relevance, rating, nearestSlot, distance or name
 * @param page zero-based page
 */
public record SearchForm(
        @Nullable String name,
        @Nullable String specialty,
        @Nullable String city,
        @Nullable LocalDate date,
        @Nullable Double lat,
        @Nullable Double lon,
        @Nullable String sort,
        @Nullable Integer page) {

    private static final Set<String> SORTS = Set.of("relevance", "rating", "nearestSlot", "distance", "name");

    public SearchForm {
        name = clip(name, 100);
        specialty = clip(specialty, 50);
        city = clip(city, 100);
        sort = sort != null && SORTS.contains(sort) ? sort : null;
        if (lat == null || lon == null || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            lat = null;
            lon = null;
        }
        page = page == null || page < 0 ? 0 : Math.min(page, 500);
    }

    /** Whether the person searched for anything (else the page shows the first doctors by relevance). */
    public boolean near() {
        return lat != null;
    }

    /** The API's query parameters. */
    Map<String, Object> queryParameters() {
        var query = new LinkedHashMap<String, Object>();
        put(query, "name", name);
        put(query, "specialty", specialty);
        put(query, "city", city);
        if (date != null) {
            query.put("date", date.toString());
        }
        if (lat != null) {
            query.put("lat", lat);
            query.put("lon", lon);
        }
        put(query, "sort", sort != null && sort.equals("distance") && lat == null ? null : sort);
        query.put("page", page);
        query.put("size", 10);
        return query;
    }

    private static void put(Map<String, Object> query, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
    }

    private static @Nullable String clip(@Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        var stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}
