package io.polyclinic.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit trail of the tests: keeps each entry once the transaction it was recorded in commits, as the outbox
 * does, and fails the call when there is no transaction, so a call site outside one cannot go unnoticed. The API
 * test base classes of the services import it (from the platform's test jar); primary, so it also stands in front of the real outbox implementation when that is
 * present.
 */
@Primary
public class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEntry> committed = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Audit entry " + entry.action() + " recorded outside a transaction");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.add(entry);
            }
        });
    }

    /** Every committed entry so far, oldest first (the context, and so this list, is shared by the test classes). */
    public List<AuditEntry> entries() {
        return List.copyOf(committed);
    }

    /** The committed entries about one entity, oldest first. */
    public List<AuditEntry> about(String entityType, Object entityId) {
        return matching(e ->
                entityType.equals(e.entityType()) && String.valueOf(entityId).equals(e.entityId()));
    }

    /** The committed entries that match, oldest first. */
    public List<AuditEntry> matching(Predicate<AuditEntry> filter) {
        return committed.stream().filter(filter).toList();
    }

    /** The one committed entry about this entity with this action; fails unless there is exactly one. */
    public AuditEntry single(String action, String entityType, Object entityId) {
        var found = about(entityType, entityId).stream()
                .filter(e -> action.equals(e.action()))
                .toList();
        assertThat(found)
                .as("%s of %s %s in %s", action, entityType, entityId, committed)
                .hasSize(1);
        return found.getFirst();
    }
}
