package io.polyclinic.audit.chain;

/** Why a verification stopped at a record. */
public enum BreakReason {
    /** The record's stored link does not match its fields and the previous link: it was altered or moved. */
    ALTERED,
    /** No record holds this position although the head or the anchor says one must: records were removed. */
    MISSING,
    /** The record carries an unkeyed link where the chain is keyed: someone linked it without the key. */
    UNKEYED,
    /** The record names a chain key that is not configured (a retired key missing from previous-keys). */
    UNKNOWN_KEY,
    /** The record's link differs from the one the anchor outside the database holds for its position. */
    ANCHOR_MISMATCH,
    /** The record's link differs from the chain head row in the database. */
    HEAD_MISMATCH
}
