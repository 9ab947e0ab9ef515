package io.polyclinic.ingest.imports;

/** The life of an import job: QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** Whether the job has ended (its counts are final). */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
