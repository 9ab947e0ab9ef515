package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.clinic.ClinicDirectoryUnavailableException;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.SinkUnavailableException;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.spreadsheet.SpreadsheetException;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends import jobs: the final status and counts, the kept row errors and the audit record ({@code IMPORT_FINISHED}),
 * in one transaction; then the import meters ({@link ImportMetrics}) count it.
 *
 * <ul>
 *   <li>cancelled -> CANCELLED (a transactional sink rolled back: nothing loaded);
 *   <li>invalid rows under all-or-nothing -> FAILED, nothing loaded, the rows in the error report;
 *   <li>otherwise SUCCEEDED, the invalid rows skipped and counted as rejected.
 * </ul>
 */
@Component
class ImportOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ImportOutcomes.class);

    private final ImportJobRepository jobs;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ImportMetrics metrics;

    ImportOutcomes(
            ImportJobRepository jobs,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            ImportMetrics metrics) {
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
    }

    /** Ends a job whose rows went through its sink (or a validation pass). */
    void end(UUID id, boolean cancelled, LoadPolicy policy, long rowsRead, LoadCounts counts, RowErrors errors) {
        long rejected = errors.rejectedRows();
        if (cancelled) {
            finish(id, JobStatus.CANCELLED, rowsRead, withRejected(counts, rejected), errors, "Cancelled.");
        } else if (policy == LoadPolicy.ALL_OR_NOTHING && rejected > 0) {
            finish(
                    id,
                    JobStatus.FAILED,
                    rowsRead,
                    new LoadCounts(0, 0, 0, rejected),
                    errors,
                    rejected + " row(s) are invalid, so nothing was loaded (all-or-nothing); see the error report.");
        } else {
            finish(id, JobStatus.SUCCEEDED, rowsRead, withRejected(counts, rejected), errors, null);
        }
    }

    /** Ends a job that could not run to its end; a transactional sink loaded nothing. */
    void failed(UUID id, long rowsRead, RowErrors errors, String reason) {
        finish(id, JobStatus.FAILED, rowsRead, new LoadCounts(0, 0, 0, errors.rejectedRows()), errors, reason);
    }

    /** The user-safe reason an exception gives for a failed import. */
    static String reason(RuntimeException e) {
        if (e instanceof SpreadsheetException
                || e instanceof DomainException
                || e instanceof SinkUnavailableException
                || e instanceof ClinicDirectoryUnavailableException) {
            return e.getMessage();
        }
        log.error("Import failed unexpectedly", e);
        return "The import failed unexpectedly; nothing was loaded. Try again or contact support.";
    }

    private void finish(UUID id, JobStatus status, long rowsRead, LoadCounts counts, RowErrors errors, String reason) {
        var ended = transactions.execute(tx -> {
            jobs.finish(id, status, rowsRead, rowsRead, counts, reason);
            var kept = errors.inFileOrder();
            for (int from = 0; from < kept.size(); from += 5000) {
                jobs.insertErrors(id, from, kept.subList(from, Math.min(kept.size(), from + 5000)));
            }
            var job = jobs.find(id).orElseThrow();
            var details = new LinkedHashMap<String, Object>();
            details.put("dataset", job.dataset());
            details.put("status", status.name());
            details.put("rowsRead", rowsRead);
            details.put("inserted", counts.inserted());
            details.put("updated", counts.updated());
            details.put("unchanged", counts.unchanged());
            details.put("rejected", counts.rejected());
            if (reason != null) {
                details.put("reason", reason);
            }
            audit.record(new AuditEntry(job.startedBy(), "IMPORT_FINISHED", "import", id.toString(), details));
            return job;
        });
        if (ended != null) {
            metrics.ended(ended.dataset(), status, counts, ended.durationMs());
        }
        log.info("Import {} {}: {} rows read, {}", id, status, rowsRead, counts);
    }

    private static LoadCounts withRejected(LoadCounts counts, long rejected) {
        return new LoadCounts(counts.inserted(), counts.updated(), counts.unchanged(), rejected);
    }
}
