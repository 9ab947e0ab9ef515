package io.polyclinic.audit.record;

import java.util.List;

/**
 * What an append did.
 *
 * @param received records handed in
 * @param stored records newly appended
 * @param duplicates records skipped because their id was already in the log or earlier in the same batch
 * @param seqs each received record's position in the log, in the order received (the existing position for a
 *     duplicate)
 */
public record AppendResult(int received, int stored, int duplicates, List<Long> seqs) {}
