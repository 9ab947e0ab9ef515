package io.polyclinic.audit.record;

/**
 * The database's chain no longer reaches the anchor kept outside it (records were removed or rewritten behind the
 * service's back): appends stop, so that new records cannot paper over the gap, until someone investigates. The
 * gRPC API answers FAILED_PRECONDITION, which the relays retry; their records wait in the outboxes.
 */
public class ChainIntegrityException extends RuntimeException {

    /** @param message what does not match, without record contents */
    public ChainIntegrityException(String message) {
        super(message);
    }
}
