package io.polyclinic.ingest.dataset;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Where the valid rows of a dataset land: one Spring bean per dataset. The warehouse sink loads
 * {@code clinic_visits}; the booking sinks deliver {@code doctors} and {@code slots} to booking's bulk API.
 *
 * <p>The import job reads the file, maps and parses the cells, reports invalid rows and duplicate natural keys itself,
 * and hands the sink only valid rows, in file order, each natural key once. The sink loads them idempotently by the
 * dataset's natural key (loading the same rows twice leaves the same records) and reports the rows it refuses.
 *
 * <p>Under {@link LoadPolicy#ALL_OR_NOTHING}, a {@linkplain #transactional() transactional} sink gets the rows in the
 * same pass as they are read and asks {@link LoadContext#commitAllowed()} at the end; a sink that cannot roll back
 * gets them only after a first pass found no invalid row, and must itself load all or nothing of what it refuses.
 */
public interface DatasetSink {

    /** The name of the dataset this sink loads ({@link DatasetCatalog}). */
    String dataset();

    /**
     * Whether the sink loads everything in one transaction it can roll back at the end (default true). When false,
     * an all-or-nothing import reads the file twice: once to validate, then to load.
     */
    default boolean transactional() {
        return true;
    }

    /**
     * Loads the rows.
     *
     * @param context the import: its user, clinic scope, policy and cancel flag
     * @param rows the valid rows, in file order; consuming it reads the file
     * @param rejections receives each row the sink refuses (unknown clinic, outside the manager's clinics, ...)
     * @return the counts of what was loaded; all zero when the load was rolled back
     * @throws SinkUnavailableException when the target cannot be reached (the import fails with that reason)
     */
    LoadCounts load(LoadContext context, Iterator<SinkRow> rows, Consumer<RowError> rejections);
}
