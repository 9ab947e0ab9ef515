package io.polyclinic.audit.chain;

/** The state of a verification job. */
public enum VerificationStatus {
    /** Walking the chain; {@code checkedRecords} grows. */
    RUNNING,
    /** Every record's link holds, the chain reaches the database's head and the anchor's position and link. */
    VALID,
    /** A record was altered, removed or linked without the key; {@code firstBroken} names the first. */
    BROKEN,
    /** The walk could not finish (the database was unreachable or the service stopped); says nothing of the chain. */
    FAILED
}
