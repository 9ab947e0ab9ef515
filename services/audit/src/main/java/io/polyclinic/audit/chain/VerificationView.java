package io.polyclinic.audit.chain;

import java.time.Instant;
import java.util.UUID;

/**
 * A verification job as the REST API shows it.
 *
 * @param id the job id
 * @param status RUNNING, VALID, BROKEN or FAILED
 * @param checkedRecords records whose link was checked so far, from seq 1 on
 * @param totalRecords the records the job walks: up to the database's head or the anchor's position, whichever is
 *     further, read when the job started (records appended later are left for the next job)
 * @param anchoredSeq the anchor's position when the job started
 * @param firstBroken the first position where the chain does not hold; {@code null} unless BROKEN
 * @param startedAt when the job started
 * @param finishedAt when it ended; {@code null} while RUNNING
 */
public record VerificationView(
        UUID id,
        VerificationStatus status,
        long checkedRecords,
        long totalRecords,
        long anchoredSeq,
        BrokenRecord firstBroken,
        Instant startedAt,
        Instant finishedAt) {}
