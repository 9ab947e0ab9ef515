package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.storage.UploadService;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.spreadsheet.report.ErrorReport;
import io.polyclinic.spreadsheet.report.ErrorReports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import use cases, shared by REST and gRPC: preview a file, start an import from an upload or an object in the
 * bucket, follow, list and cancel imports, and download an import's row errors. A CLINIC_MANAGER sees and cancels
 * only the imports they started and loads rows only into their clinics (the token's clinic scope travels with the
 * job); an ADMIN sees all. Starting, cancelling and finishing are audited.
 */
@Service
public class ImportService {

    private final ImportJobRepository jobs;
    private final ImportRunner runner;
    private final PreviewBuilder previews;
    private final DatasetCatalog catalog;
    private final UploadService uploads;
    private final AuditTrail audit;
    private final ExecutorService executor;
    private final ImportSettings settings;
    private final TransactionTemplate transactions;
    private final ImportMetrics metrics;

    ImportService(
            ImportJobRepository jobs,
            ImportRunner runner,
            PreviewBuilder previews,
            DatasetCatalog catalog,
            UploadService uploads,
            AuditTrail audit,
            ExecutorService importExecutor,
            ImportSettings settings,
            PlatformTransactionManager transactionManager,
            ImportMetrics metrics) {
        this.jobs = jobs;
        this.runner = runner;
        this.previews = previews;
        this.catalog = catalog;
        this.uploads = uploads;
        this.audit = audit;
        this.executor = importExecutor;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
    }

    /** The preview of a file on local disk (an upload spooled by the web layer). */
    public Preview preview(AuthenticatedUser user, String dataset, Path file, String fileName, String sheet) {
        requireImporter(user);
        return previews.build(catalog.get(dataset), file, fileName, sheet);
    }

    /**
     * Starts the import of a file uploaded to this service (multipart or the gRPC stream). The file is moved into the
     * job's keeping on this replica's disk ({@code ingest-<job id>.upload} beside it), never copied to the bucket: the
     * job runs here and deletes it when it ends (a replica that stops fails its jobs anyway, see
     * {@link #failInterrupted()}). {@code file} no longer exists when this returns, whatever the outcome.
     *
     * @throws io.polyclinic.ingest.dataset.UnknownDatasetException for an unknown dataset (400)
     * @throws FileTooLargeException beyond {@code polyclinic.ingest.max-file-size} (413)
     */
    public ImportJob startUpload(
            AuthenticatedUser user, String dataset, LoadPolicy policy, String sheet, Path file, String fileName)
            throws IOException {
        try {
            requireImporter(user);
            catalog.get(dataset);
            long size = Files.size(file);
            requireSize(size);
            var id = Ids.newId();
            var upload = Files.move(
                    file, file.resolveSibling("ingest-" + id + ".upload"), StandardCopyOption.REPLACE_EXISTING);
            try {
                return start(id, user, dataset, policy, sheet, null, upload, fileName, size);
            } catch (RuntimeException e) {
                ImportRunner.deleteQuietly(upload);
                throw e;
            }
        } finally {
            ImportRunner.deleteQuietly(file);
        }
    }

    /**
     * Starts the import of an object uploaded through a presigned URL.
     *
     * @throws io.polyclinic.platform.problem.InvalidRequestException when the key is not the user's upload (400)
     */
    public ImportJob startFromKey(AuthenticatedUser user, String dataset, LoadPolicy policy, String sheet, String key) {
        requireImporter(user);
        catalog.get(dataset);
        long size = uploads.requireOwnObject(user, key);
        requireSize(size);
        return start(Ids.newId(), user, dataset, policy, sheet, key, null, UploadService.fileName(key), size);
    }

    /**
     * Records the job and hands it to the job threads once recorded: with the bucket's {@code key}, or with the
     * {@code upload} on this replica's disk (deleted when the job ends, or at once when it is not recorded).
     */
    private ImportJob start(
            UUID id,
            AuthenticatedUser user,
            String dataset,
            LoadPolicy policy,
            String sheet,
            String key,
            Path upload,
            String fileName,
            long size) {
        return transactions.execute(
                tx -> insertAndSubmit(id, user, dataset, policy, sheet, key, upload, fileName, size));
    }

    private ImportJob insertAndSubmit(
            UUID id,
            AuthenticatedUser user,
            String dataset,
            LoadPolicy policy,
            String sheet,
            String key,
            Path upload,
            String fileName,
            long size) {
        var request = new ImportJobRepository.JobRequest(
                id,
                dataset,
                policy,
                fileName,
                key,
                sheet,
                user.id(),
                new ArrayList<>(user.clinicScope()),
                user.isAdmin());
        jobs.insert(request, size);
        var details = new LinkedHashMap<String, Object>();
        details.put("dataset", dataset);
        details.put("policy", policy.name());
        details.put("fileName", fileName);
        details.put("fileSize", size);
        audit.record(new AuditEntry(user.id(), "IMPORT_STARTED", "import", id.toString(), details));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(id, upload);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        ImportRunner.deleteQuietly(upload);
                    }
                }
            });
        } else {
            submit(id, upload);
        }
        return jobs.find(id).orElseThrow();
    }

    private void submit(UUID id, Path upload) {
        held.add(id);
        executor.execute(() -> {
            try {
                runner.run(id, upload);
            } finally {
                held.remove(id);
                ImportRunner.deleteQuietly(upload);
            }
        });
    }

    /**
     * A job the user may see.
     *
     * @throws NotFoundException when unknown or someone else's (for a manager)
     */
    public ImportJob get(AuthenticatedUser user, UUID id) {
        var job = jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
        if (!user.isAdmin() && !job.startedBy().equals(user.id())) {
            throw new NotFoundException("Import", id);
        }
        return job;
    }

    /** The user's imports (an ADMIN's: everyone's), newest first. */
    public PageResponse<ImportJob> list(AuthenticatedUser user, PageQuery page) {
        var owner = user.isAdmin() ? null : user.id();
        return PageResponse.of(jobs.page(owner, page.offset(), page.size()), page, jobs.count(owner));
    }

    /**
     * Cancels a QUEUED or RUNNING import; a running one stops within the progress interval and loads nothing.
     *
     * @throws ConflictException when it has already ended (409)
     */
    @Transactional
    public ImportJob cancel(AuthenticatedUser user, UUID id) {
        get(user, id);
        if (!jobs.requestCancel(id)) {
            throw new ConflictException("import-finished", "Import already ended", "The import has already ended.");
        }
        runner.cancel(id);
        audit.record(new AuditEntry(user.id(), "IMPORT_CANCEL_REQUESTED", "import", id.toString(), java.util.Map.of()));
        return jobs.find(id).orElseThrow();
    }

    /**
     * Calls {@code listener} with the job now and then every progress interval until it has ended (the last call
     * carries the final counts), or until the listener throws (the client went away).
     */
    public void follow(AuthenticatedUser user, UUID id, java.util.function.Consumer<ImportJob> listener)
            throws InterruptedException {
        var job = get(user, id);
        listener.accept(job);
        while (!job.status().finished()) {
            Thread.sleep(settings.progressInterval().toMillis());
            job = jobs.find(id).orElseThrow();
            listener.accept(job);
        }
    }

    /** Formats of the error report. */
    public enum ReportFormat {
        CSV,
        XLSX
    }

    /** Writes an import's row errors (sheet, row, column, value, reason), formula injection neutralized. */
    @Transactional(readOnly = true)
    public void writeErrors(AuthenticatedUser user, UUID id, ReportFormat format, OutputStream out) {
        get(user, id);
        try (ErrorReport report = format == ReportFormat.CSV ? ErrorReports.csv(out) : ErrorReports.xlsx(out)) {
            jobs.forEachError(id, error -> {
                try {
                    report.add(new io.polyclinic.spreadsheet.report.RowError(
                            error.sheet(), error.rowNumber(), error.column(), error.value(), error.reason()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jobs this replica holds (queued or running), for their heartbeat. */
    private final java.util.Set<UUID> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How long a job's heartbeat may be silent before its replica counts as stopped. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(1);

    /** Writes the heartbeat of this replica's jobs (every few seconds, see the configuration). */
    public void heartbeat() {
        jobs.heartbeat(List.copyOf(held));
    }

    /**
     * Marks the imports whose replica stopped (no heartbeat for a minute, or none at all) FAILED with a reason: at
     * start, and periodically for the other replicas' crashes. A job never stays RUNNING after its JVM ended.
     */
    @Transactional
    public List<UUID> failInterrupted() {
        var ids = jobs.failAbandoned(
                "The service restarted during the import; nothing was loaded. Start it again.", ABANDONED_AFTER);
        for (var id : ids) {
            audit.record(new AuditEntry(
                    null, "IMPORT_FINISHED", "import", id.toString(), java.util.Map.of("status", "FAILED")));
            jobs.find(id).ifPresent(job -> metrics.ended(job.dataset(), JobStatus.FAILED, LoadCounts.NONE, null));
        }
        return ids;
    }

    private static void requireImporter(AuthenticatedUser user) {
        if (!user.isAdmin() && user.clinicScope().isEmpty()) {
            throw new NoClinicsException();
        }
    }

    private void requireSize(long size) {
        if (size > settings.limits().maxFileBytes()) {
            throw new FileTooLargeException(settings.limits().maxFileBytes());
        }
    }

    /** A file beyond the size limit: 413. */
    public static class FileTooLargeException extends DomainException {
        FileTooLargeException(long limit) {
            super(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "File too large",
                    "The file is larger than the limit of " + (limit / (1024 * 1024)) + " MB.");
        }
    }

    /** A manager without clinics: 403. */
    public static class NoClinicsException extends DomainException {
        NoClinicsException() {
            super(HttpStatus.FORBIDDEN, "no-clinics", "No clinics", "You run no clinic, so you cannot import.");
        }
    }
}
