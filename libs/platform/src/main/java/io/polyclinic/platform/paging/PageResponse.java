package io.polyclinic.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, in the shape every Polyclinic list endpoint answers with (S0 "API style"):
 * {@code {"items":[...],"page":0,"size":20,"totalItems":123,"totalPages":7}}.
 *
 * @param items the page's items, at most {@code size}
 * @param page zero-based page number
 * @param size the requested page size (1..{@link PageQuery#MAX_SIZE})
 * @param totalItems items across all pages
 * @param totalPages {@code ceil(totalItems / size)}
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    /** Builds a page from its items, the query that produced it and the total count. */
    public static <T> PageResponse<T> of(List<T> items, PageQuery query, long totalItems) {
        int totalPages = (int) ((totalItems + query.size() - 1) / query.size());
        return new PageResponse<>(List.copyOf(items), query.page(), query.size(), totalItems, totalPages);
    }

    /** The same page with every item mapped. */
    public <R> PageResponse<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResponse<>(items.stream().<R>map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
