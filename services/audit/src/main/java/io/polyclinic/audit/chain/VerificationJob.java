package io.polyclinic.audit.chain;

import java.time.Instant;
import java.util.UUID;

/**
 * One verification run's state: written by its walking thread, read by requests. The fields are volatile and the
 * final state is published in one step ({@link #finish}), so a reader sees either RUNNING or the complete outcome.
 */
final class VerificationJob {

    private record Outcome(VerificationStatus status, BrokenRecord firstBroken, Instant finishedAt) {}

    private final UUID id;
    private final long totalRecords;
    private final long anchoredSeq;
    private final Instant startedAt;
    private volatile long checkedRecords;
    private volatile Outcome outcome = new Outcome(VerificationStatus.RUNNING, null, null);

    VerificationJob(UUID id, long totalRecords, long anchoredSeq, Instant startedAt) {
        this.id = id;
        this.totalRecords = totalRecords;
        this.anchoredSeq = anchoredSeq;
        this.startedAt = startedAt;
    }

    UUID id() {
        return id;
    }

    boolean running() {
        return outcome.status() == VerificationStatus.RUNNING;
    }

    void checked(long records) {
        checkedRecords = records;
    }

    void finish(VerificationStatus status, BrokenRecord firstBroken, Instant finishedAt) {
        outcome = new Outcome(status, firstBroken, finishedAt);
    }

    VerificationView view() {
        var now = outcome;
        return new VerificationView(
                id,
                now.status(),
                checkedRecords,
                totalRecords,
                anchoredSeq,
                now.firstBroken(),
                startedAt,
                now.finishedAt());
    }
}
