package io.polyclinic.ingest.warehouse;

import io.polyclinic.ingest.clinic.ClinicDirectory;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.DatasetSink;
import io.polyclinic.ingest.dataset.LoadContext;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.dataset.SinkRow;
import io.polyclinic.ingest.dataset.SinkUnavailableException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads dataset {@code clinic_visits} into {@code warehouse.clinic_visits}: valid rows are gathered in chunks of
 * {@value #CHUNK_ROWS}, each COPYed straight into the warehouse while every key is new, else COPYed into a staging
 * table and upserted by natural key, while the reader goes on filling the pipe, so moving overlaps reading; all in one
 * transaction, so a failed, cancelled or all-or-nothing-with-errors import leaves the warehouse as it was, and a
 * re-import of the same file leaves the same rows (unchanged rows are counted, not rewritten).
 *
 * <p>Clinics: a cell holding a clinic's id is stored as that clinic's name (an unknown id is a row error); a
 * CLINIC_MANAGER's row must name one of their clinics (by id or by name, case and spaces aside), else it is a row
 * error.
 */
@Component
class ClinicVisitsSink implements DatasetSink {

    /** Rows per chunk: a few tenths of a second of COPY or upsert, while the reader fills the import's row pipe. */
    static final int CHUNK_ROWS = 50_000;

    /** A chunk is also moved once its COPY text reaches this size: rows of long names stay within the heap. */
    static final long CHUNK_BYTES = 16L * 1024 * 1024;

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ClinicVisitsRepository repository;
    private final ClinicDirectory clinics;

    ClinicVisitsSink(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            ClinicVisitsRepository repository,
            ClinicDirectory clinics) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.repository = repository;
        this.clinics = clinics;
    }

    @Override
    public String dataset() {
        return DatasetCatalog.CLINIC_VISITS;
    }

    @Override
    public LoadCounts load(LoadContext context, Iterator<SinkRow> rows, Consumer<RowError> rejections) {
        try {
            return transactions.execute(status -> {
                var connection = DataSourceUtils.getConnection(dataSource);
                var resolver = new ClinicResolver(context);
                var moved = new Moved(connection, context);
                var chunk = new ClinicVisitsRepository.Chunk(context.importId());
                try {
                    repository.createStaging(connection);
                    long rejected = 0;
                    while (rows.hasNext()) {
                        var row = rows.next();
                        var clinic = resolver.resolve((String) row.get("clinic"));
                        if (clinic.error() != null) {
                            rejections.accept(new RowError(
                                    row.sheet(),
                                    row.rowNumber(),
                                    "clinic",
                                    (String) row.get("clinic"),
                                    clinic.error()));
                            rejected++;
                            continue;
                        }
                        chunk.add(
                                (LocalDate) row.get("month"),
                                clinic.name(),
                                (String) row.get("department"),
                                (String) row.get("doctor"),
                                (Long) row.get("visits"),
                                (BigDecimal) row.get("revenue"));
                        if (chunk.rows() == CHUNK_ROWS || chunk.size() >= CHUNK_BYTES) {
                            moved.move(chunk);
                        }
                    }
                    moved.move(chunk);
                    if (!moved.commitAllowed() || (rejected > 0 && mustBeWhole(context))) {
                        status.setRollbackOnly();
                        return new LoadCounts(0, 0, 0, rejected);
                    }
                    return new LoadCounts(moved.inserted, moved.updated, moved.unchanged(), rejected);
                } catch (SQLException e) {
                    throw new SinkUnavailableException("The warehouse refused the rows; nothing was loaded.", e);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            });
        } catch (org.springframework.dao.DataAccessException e) {
            throw new SinkUnavailableException("The warehouse cannot be reached; nothing was loaded.", e);
        }
    }

    /**
     * The rows moved so far in the import's transaction. Once the import may no longer commit (cancelled, or an invalid
     * row under all-or-nothing), a chunk is only dropped: the transaction is rolled back at the end anyway.
     */
    private final class Moved {

        private final Connection connection;
        private final LoadContext context;
        private long staged;
        private long inserted;
        private long updated;
        private boolean keysMet;

        Moved(Connection connection, LoadContext context) {
            this.connection = connection;
            this.context = context;
        }

        /**
         * Moves the chunk's rows while the import may still commit, then empties the chunk. They are COPYed straight
         * into the warehouse until a chunk meets a key the warehouse holds (a re-import, or a file that updates earlier
         * rows); from then on every chunk goes through the staging table and the upsert.
         */
        void move(ClinicVisitsRepository.Chunk chunk) throws SQLException {
            staged += chunk.rows();
            if (commitAllowed() && chunk.rows() > 0) {
                if (!keysMet && repository.copyNew(connection, chunk)) {
                    inserted += chunk.rows();
                } else {
                    keysMet = true;
                    repository.copyIntoStaging(connection, chunk);
                    var counts = repository.upsert(connection);
                    inserted += counts[0];
                    updated += counts[1];
                    repository.clearStaging(connection);
                }
            }
            chunk.clear();
        }

        boolean commitAllowed() {
            return context.commitAllowed().getAsBoolean();
        }

        long unchanged() {
            return staged - inserted - updated;
        }
    }

    private static boolean mustBeWhole(LoadContext context) {
        return context.policy() == io.polyclinic.ingest.dataset.LoadPolicy.ALL_OR_NOTHING;
    }

    /** The clinic a row names, as stored, or why the row may not name it. */
    private record Resolved(String name, String error) {}

    /** Resolves and checks the clinics of one import, asking booking once per distinct id. */
    private final class ClinicResolver {

        private final LoadContext context;
        private final Map<UUID, String> names = new HashMap<>();
        private Set<String> managedNames;

        ClinicResolver(LoadContext context) {
            this.context = context;
        }

        Resolved resolve(String cell) {
            var id = uuid(cell);
            if (id != null) {
                var name = names.computeIfAbsent(id, key -> clinics.name(key).orElse(""));
                if (name.isEmpty()) {
                    return new Resolved(null, "unknown clinic");
                }
                if (!context.admin() && !context.clinicScope().contains(id)) {
                    return new Resolved(null, "not one of your clinics");
                }
                return new Resolved(name, null);
            }
            if (!context.admin() && !managedNames().contains(key(cell))) {
                return new Resolved(null, "not one of your clinics");
            }
            return new Resolved(cell, null);
        }

        private Set<String> managedNames() {
            if (managedNames == null) {
                managedNames = new HashSet<>();
                for (var id : context.clinicScope()) {
                    clinics.name(id).ifPresent(name -> managedNames.add(key(name)));
                }
            }
            return managedNames;
        }

        private static String key(String name) {
            return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }

        private static UUID uuid(String cell) {
            if (cell.length() != 36) {
                return null;
            }
            try {
                return UUID.fromString(cell);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
