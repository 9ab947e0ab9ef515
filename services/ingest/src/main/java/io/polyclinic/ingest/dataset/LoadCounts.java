package io.polyclinic.ingest.dataset;

/**
 * What a sink did with the rows it was given.
 *
 * @param inserted new records
 * @param updated existing records whose values changed
 * @param unchanged existing records the row matched exactly
 * @param rejected rows the sink refused (each reported as a {@link RowError})
 */
public record LoadCounts(long inserted, long updated, long unchanged, long rejected) {

    public static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0);
}
