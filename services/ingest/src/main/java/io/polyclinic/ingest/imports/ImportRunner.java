package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.Dataset;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.DatasetSink;
import io.polyclinic.ingest.dataset.LoadContext;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.naming.MissingFieldsException;
import io.polyclinic.ingest.naming.NamingService;
import io.polyclinic.ingest.storage.ObjectStore;
import io.polyclinic.spreadsheet.HeaderRow;
import io.polyclinic.spreadsheet.SheetRow;
import io.polyclinic.spreadsheet.SpreadsheetFile;
import io.polyclinic.spreadsheet.Spreadsheets;
import io.polyclinic.spreadsheet.TableHandler;
import io.polyclinic.spreadsheet.value.CellValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one import job: takes the file uploaded to this replica or fetches it from the bucket, reads the chosen sheet in
 * one thread (header mapped through the naming table, each row parsed, duplicate natural keys refused) while the
 * dataset's sink loads the valid rows in the job's thread, writes progress and watches for a cancel, then ends the job
 * with its counts (see {@link ImportOutcomes}). Under all-or-nothing, a sink that cannot roll back gets the rows only
 * after a first pass found none invalid.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    /**
     * Batches of parsed rows the reader may be ahead of the sink: 128 of {@link RowPipe#BATCH} rows, 64,000 rows
     * (about 45 MB), more than the warehouse sink moves at once, so reading goes on while the sink's upsert runs.
     */
    private static final int READ_AHEAD_BATCHES = 128;

    private final ImportJobRepository jobs;
    private final ObjectStore store;
    private final NamingService naming;
    private final DatasetCatalog catalog;
    private final Map<String, DatasetSink> sinks;
    private final ImportOutcomes outcomes;
    private final ImportSettings settings;
    private final ImportMetrics metrics;
    private final Map<UUID, AtomicBoolean> cancels = new java.util.concurrent.ConcurrentHashMap<>();

    ImportRunner(
            ImportJobRepository jobs,
            ObjectStore store,
            NamingService naming,
            DatasetCatalog catalog,
            List<DatasetSink> sinks,
            ImportOutcomes outcomes,
            ImportSettings settings,
            ImportMetrics metrics) {
        this.jobs = jobs;
        this.store = store;
        this.naming = naming;
        this.catalog = catalog;
        this.sinks = sinks.stream().collect(Collectors.toMap(DatasetSink::dataset, Function.identity()));
        this.outcomes = outcomes;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Asks a job running in this JVM to stop now (the database flag reaches it within the progress interval anyway). */
    void cancel(UUID id) {
        var flag = cancels.get(id);
        if (flag != null) {
            flag.set(true);
        }
    }

    /**
     * Runs the job to its end; never throws.
     *
     * @param upload the file uploaded to this replica, or {@code null} to fetch the job's object from the bucket (the
     *     caller deletes the upload afterwards)
     */
    void run(UUID id, Path upload) {
        var request = jobs.request(id).orElse(null);
        if (request == null || !jobs.markRunning(id)) {
            return;
        }
        metrics.runStarted();
        var cancelled = new AtomicBoolean();
        cancels.put(id, cancelled);
        var progress = new Progress(id, cancelled);
        var errors = new RowErrors(settings.maxRowErrors());
        Path temp = null;
        try {
            if (upload == null) {
                temp = Files.createTempFile("ingest-" + id, ".upload");
                store.download(request.objectKey(), temp);
            }
            try (var file = Spreadsheets.open(upload != null ? upload : temp, request.fileName(), settings.limits())) {
                var dataset = catalog.get(request.dataset());
                var sink = sinks.get(dataset.name());
                if (sink == null) {
                    outcomes.failed(
                            id, progress.read(), errors, "Dataset " + dataset.name() + " cannot be loaded here.");
                    return;
                }
                int sheet = sheetIndex(file, request.sheet());
                var context = new LoadContext(
                        id,
                        request.startedBy(),
                        new HashSet<>(request.clinicScope()),
                        request.admin(),
                        request.policy(),
                        cancelled::get,
                        () -> !cancelled.get()
                                && (request.policy() == LoadPolicy.SKIP_INVALID || errors.rejectedRows() == 0));
                if (request.policy() == LoadPolicy.ALL_OR_NOTHING && !sink.transactional()) {
                    var validation = new RowPipe(4);
                    var reader = startReader(file, sheet, dataset, validation, errors, progress);
                    validation.forEachRemaining(row -> {});
                    reader.join();
                    if (errors.rejectedRows() > 0 || cancelled.get()) {
                        outcomes.end(id, cancelled.get(), request.policy(), progress.read(), LoadCounts.NONE, errors);
                        return;
                    }
                    progress.reset();
                }
                var pipe = new RowPipe(READ_AHEAD_BATCHES);
                var reader = startReader(file, sheet, dataset, pipe, errors, progress);
                LoadCounts counts;
                try {
                    counts = sink.load(context, pipe, errors::add);
                } finally {
                    pipe.close();
                    reader.join();
                }
                outcomes.end(id, cancelled.get(), request.policy(), progress.read(), counts, errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcomes.failed(id, progress.read(), errors, "The service stopped during the import; nothing was loaded.");
        } catch (RuntimeException e) {
            outcomes.failed(id, progress.read(), errors, ImportOutcomes.reason(e));
        } catch (IOException e) {
            log.warn("Import {}: no temporary file", id, e);
            outcomes.failed(id, progress.read(), errors, "The service could not store the file; try again.");
        } finally {
            cancels.remove(id);
            metrics.runStopped();
            deleteQuietly(temp);
        }
    }

    /** Starts the thread that reads the sheet into the pipe. */
    private Thread startReader(
            SpreadsheetFile file, int sheet, Dataset dataset, RowPipe pipe, RowErrors errors, Progress progress) {
        var sheetName = file.sheets().get(sheet).name();
        var values = new CellValues(settings.phoneRegion(), file.date1904());
        return Thread.ofVirtual().name("ingest-reader").start(() -> {
            var handler = new Reader(dataset, sheetName, values, pipe, errors, progress);
            try {
                file.readTable(sheet, handler);
                if (handler.missing != null) {
                    throw handler.missing;
                }
                pipe.finish();
            } catch (RowPipe.ClosedException stopped) {
                // the loader stopped first (a failure or a cancel it reports itself)
            } catch (RuntimeException e) {
                pipe.fail(handler.missing != null ? handler.missing : e);
            }
        });
    }

    /** The sheet's handler: maps the header, parses each row, refuses repeated keys, feeds the pipe. */
    private final class Reader implements TableHandler {

        private final Dataset dataset;
        private final String sheetName;
        private final CellValues values;
        private final RowPipe pipe;
        private final RowErrors errors;
        private final Progress progress;
        private final NaturalKeySet keys = new NaturalKeySet();
        private final List<Object> key = new ArrayList<>();
        private RowTransformer transformer;
        private MissingFieldsException missing;

        Reader(
                Dataset dataset,
                String sheetName,
                CellValues values,
                RowPipe pipe,
                RowErrors errors,
                Progress progress) {
            this.dataset = dataset;
            this.sheetName = sheetName.isEmpty() ? null : sheetName;
            this.values = values;
            this.pipe = pipe;
            this.errors = errors;
            this.progress = progress;
        }

        @Override
        public void onHeader(HeaderRow header) {
            var mapping = naming.map(dataset, header.names());
            if (!mapping.complete()) {
                var found = header.names().stream().filter(n -> !n.isBlank()).toList();
                missing = new MissingFieldsException(dataset.name(), mapping.missingFields(), found);
                throw missing;
            }
            transformer = new RowTransformer(dataset, mapping, values, sheetName);
        }

        @Override
        public boolean onRow(SheetRow row) {
            if (!progress.rowRead()) {
                return false;
            }
            var result = transformer.transform(row);
            if (!result.errors().isEmpty()) {
                errors.addAll(result.errors());
                return true;
            }
            var sinkRow = result.row();
            key.clear();
            for (var field : dataset.naturalKey()) {
                key.add(sinkRow.get(field));
            }
            long first = keys.add(key, row.rowNumber());
            if (first != 0) {
                errors.add(new RowError(
                        sheetName,
                        row.rowNumber(),
                        String.join(", ", dataset.naturalKey()),
                        null,
                        "duplicate of row " + first + " (same " + String.join(", ", dataset.naturalKey()) + ")"));
                return true;
            }
            pipe.put(sinkRow);
            return true;
        }
    }

    /** Rows read, written to the job every progress interval, when the job's cancel flag is also read. */
    private final class Progress {

        private final UUID id;
        private final AtomicBoolean cancelled;
        private final AtomicLong rows = new AtomicLong();
        private long lastWrite = System.nanoTime();

        Progress(UUID id, AtomicBoolean cancelled) {
            this.id = id;
            this.cancelled = cancelled;
        }

        /** Counts a row; false when the job was cancelled. */
        boolean rowRead() {
            long read = rows.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastWrite >= settings.progressInterval().toNanos()) {
                lastWrite = now;
                jobs.progress(id, read);
                if (jobs.cancelRequested(id)) {
                    cancelled.set(true);
                }
            }
            return !cancelled.get();
        }

        long read() {
            return rows.get();
        }

        void reset() {
            rows.set(0);
        }
    }

    private static int sheetIndex(SpreadsheetFile file, String sheet) {
        if (sheet == null || sheet.isBlank()) {
            return 0;
        }
        return file.sheets().stream()
                .filter(s -> s.name().equals(sheet))
                .findFirst()
                .orElseThrow(() -> new io.polyclinic.spreadsheet.SpreadsheetException(
                        io.polyclinic.spreadsheet.SpreadsheetException.Reason.NO_SUCH_SHEET,
                        "The file has no sheet with that name."))
                .index();
    }

    /** Deletes the file if there is one; a failure is logged, never thrown. */
    static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete {}", path, e);
            }
        }
    }
}
