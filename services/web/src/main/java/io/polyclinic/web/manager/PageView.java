package io.polyclinic.web.manager;

import java.util.List;

/**
 * One page of an API list as the admin pages show it: {@code {"items","page","size","totalItems","totalPages"}}.
 *
 * @param page 0-based
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public PageView {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return page + 1 < totalPages;
    }

    /** Whether a page precedes this one. */
    public boolean hasPrevious() {
        return page > 0;
    }
}
