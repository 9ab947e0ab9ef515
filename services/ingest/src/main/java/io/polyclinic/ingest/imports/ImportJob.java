package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.LoadPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An import job as its users see it.
 *
 * @param id the job's id
 * @param dataset the target dataset
 * @param policy all-or-nothing or skip invalid rows
 * @param status where it is
 * @param fileName the uploaded file's name
 * @param fileSize its size in bytes
 * @param sheet the sheet imported (null: the first)
 * @param startedBy the user who started it
 * @param rowsRead data rows read so far
 * @param rowsTotal data rows in the sheet, known once the file was read (null before)
 * @param inserted new records
 * @param updated changed records
 * @param unchanged records the file left as they were
 * @param rejected invalid or refused rows
 * @param failureReason why it FAILED (user-safe), else null
 * @param createdAt when it was started
 * @param startedAt when it began to run
 * @param finishedAt when it ended
 * @param durationMs from start of run to end (or to now while running), in milliseconds; null while QUEUED
 */
public record ImportJob(
        UUID id,
        String dataset,
        LoadPolicy policy,
        JobStatus status,
        String fileName,
        long fileSize,
        String sheet,
        UUID startedBy,
        long rowsRead,
        Long rowsTotal,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        String failureReason,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs) {

    /** The duration for a job read at {@code now}. */
    static Long duration(Instant startedAt, Instant finishedAt, Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now)
                .toMillis();
    }
}
