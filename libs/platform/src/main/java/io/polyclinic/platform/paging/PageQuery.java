package io.polyclinic.platform.paging;

import io.polyclinic.platform.problem.InvalidRequestException;

/**
 * A requested page: zero-based {@code page} and {@code size} capped at {@link #MAX_SIZE} (S0). Bind it from
 * {@code ?page=&size=} with {@link #of(Integer, Integer)}, which rejects out-of-range values with a 400 problem.
 */
public record PageQuery(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deep pages cost a scan of everything before them; nobody pages that far by hand. */
    public static final int MAX_PAGE = 10_000;

    public PageQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidRequestException("page", "page must be between 0 and " + MAX_PAGE + ".");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "size must be between 1 and " + MAX_SIZE + ".");
        }
    }

    /** From optional query parameters; defaults page 0, size 20. */
    public static PageQuery of(Integer page, Integer size) {
        return new PageQuery(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** Rows to skip: {@code page * size}. */
    public long offset() {
        return (long) page * size;
    }
}
