package io.polyclinic.platform.audit;

/**
 * Records audit entries through the service's transactional outbox: call it inside the transaction of the change
 * it describes, so the entry exists if and only if the change committed; the outbox relay delivers it to the audit
 * service later (S4), so a user's request never waits on audit. The implementation adds the time, the service
 * name, the request id, the trace id and the client IP of the current request.
 */
public interface AuditTrail {

    /** Appends {@code entry} to the outbox (destination {@code audit}) in the current transaction. */
    void record(AuditEntry entry);
}
