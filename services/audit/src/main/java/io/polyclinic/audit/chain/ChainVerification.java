package io.polyclinic.audit.chain;

/**
 * The outcome of walking the hash chain.
 *
 * @param valid whether every record's link matched and the chain reached the head without a gap
 * @param checkedRecords records whose link matched, from seq 1 on
 * @param firstBrokenSeq the first position whose record was altered, removed or moved; {@code null} when valid
 * @param headSeq the last position the chain head records, the end of the walk
 */
public record ChainVerification(boolean valid, long checkedRecords, Long firstBrokenSeq, long headSeq) {}
