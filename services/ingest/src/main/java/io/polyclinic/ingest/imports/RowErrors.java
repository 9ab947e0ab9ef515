package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.RowError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The row errors of one import, from the reading thread (cells that do not parse, duplicate keys) and the loading
 * thread (rows the sink refuses). Counts every error; keeps the first {@code limit} for the report. Thread-safe.
 */
final class RowErrors {

    private final int limit;
    private final List<RowError> kept = new ArrayList<>();
    private final java.util.Set<Long> rejectedRows = new java.util.HashSet<>();
    private long count;

    RowErrors(int limit) {
        this.limit = limit;
    }

    /** Records the errors of one row (one or more cells). */
    synchronized void addAll(List<RowError> errors) {
        errors.forEach(this::add);
    }

    synchronized void add(RowError error) {
        if (rejectedRows.size() < 10_000_000 && rejectedRows.add(error.rowNumber())) {
            count++;
        }
        if (kept.size() < limit) {
            kept.add(error);
        }
    }

    /** Rows with at least one error. */
    synchronized long rejectedRows() {
        return count;
    }

    /** The kept errors in file order (by row, then as recorded). */
    synchronized List<RowError> inFileOrder() {
        var sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(RowError::rowNumber));
        return sorted;
    }
}
