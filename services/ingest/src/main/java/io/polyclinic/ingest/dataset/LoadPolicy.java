package io.polyclinic.ingest.dataset;

/** What an import does with invalid rows. */
public enum LoadPolicy {
    /** Any invalid row fails the import and nothing is loaded. */
    ALL_OR_NOTHING,
    /** Invalid rows are reported and skipped; the valid ones are loaded. */
    SKIP_INVALID
}
