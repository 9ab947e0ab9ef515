package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.RowError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code import_jobs} and {@code import_row_errors}. */
@Repository
class ImportJobRepository {

    private static final String COLUMNS = "id, dataset, policy, status, file_name, file_size, sheet, started_by,"
            + " rows_read, rows_total, inserted, updated, unchanged, rejected, failure_reason, created_at, started_at,"
            + " finished_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    ImportJobRepository(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    /** What a job needs to run: the stored request. */
    record JobRequest(
            UUID id,
            String dataset,
            LoadPolicy policy,
            String fileName,
            String objectKey,
            String sheet,
            UUID startedBy,
            List<UUID> clinicScope,
            boolean admin) {}

    void insert(JobRequest request, long fileSize) {
        jdbc.sql("insert into import_jobs (id, dataset, policy, status, file_name, file_size, object_key, sheet,"
                        + " started_by, clinic_scope, admin) values (?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        request.id(),
                        request.dataset(),
                        request.policy().name(),
                        request.fileName(),
                        fileSize,
                        request.objectKey(),
                        request.sheet(),
                        request.startedBy(),
                        request.clinicScope().toArray(UUID[]::new),
                        request.admin())
                .update();
    }

    Optional<ImportJob> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from import_jobs where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** A page of jobs, newest first; only {@code startedBy}'s when it is not null. */
    List<ImportJob> page(UUID startedBy, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from import_jobs where (cast(? as uuid) is null or started_by = ?)"
                        + " order by created_at desc, id desc limit ? offset ?")
                .params(startedBy, startedBy, limit, offset)
                .query(this::map)
                .list();
    }

    long count(UUID startedBy) {
        return jdbc.sql("select count(*) from import_jobs where (cast(? as uuid) is null or started_by = ?)")
                .params(startedBy, startedBy)
                .query(Long.class)
                .single();
    }

    /** QUEUED -> RUNNING; false when the job is no longer QUEUED (cancelled meanwhile). */
    boolean markRunning(UUID id) {
        return jdbc.sql(
                                "update import_jobs set status = 'RUNNING', started_at = now() where id = ? and status = 'QUEUED'")
                        .param(id)
                        .update()
                == 1;
    }

    void progress(UUID id, long rowsRead) {
        jdbc.sql("update import_jobs set rows_read = ? where id = ? and status = 'RUNNING'")
                .params(rowsRead, id)
                .update();
    }

    /** Ends a job with its final counts. */
    void finish(UUID id, JobStatus status, long rowsRead, long rowsTotal, LoadCounts counts, String reason) {
        jdbc.sql("update import_jobs set status = ?, rows_read = ?, rows_total = ?, inserted = ?, updated = ?,"
                        + " unchanged = ?, rejected = ?, failure_reason = ?, finished_at = now(),"
                        + " started_at = coalesce(started_at, now()) where id = ?")
                .params(
                        status.name(),
                        rowsRead,
                        rowsTotal,
                        counts.inserted(),
                        counts.updated(),
                        counts.unchanged(),
                        counts.rejected(),
                        reason,
                        id)
                .update();
    }

    /** Flags a job to stop; a QUEUED one is CANCELLED at once. False when it had already ended. */
    boolean requestCancel(UUID id) {
        var queued = jdbc.sql("update import_jobs set status = 'CANCELLED', cancel_requested = true,"
                        + " finished_at = now(), failure_reason = 'Cancelled before it started.'"
                        + " where id = ? and status = 'QUEUED'")
                .param(id)
                .update();
        if (queued == 1) {
            return true;
        }
        return jdbc.sql("update import_jobs set cancel_requested = true where id = ? and status = 'RUNNING'")
                        .param(id)
                        .update()
                == 1;
    }

    boolean cancelRequested(UUID id) {
        return jdbc.sql("select cancel_requested from import_jobs where id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Marks every job left QUEUED or RUNNING by a previous run as FAILED; returns their ids. */
    List<UUID> failUnfinished(String reason) {
        return jdbc.sql("update import_jobs set status = 'FAILED', failure_reason = ?, finished_at = now()"
                        + " where status in ('QUEUED', 'RUNNING') returning id")
                .param(reason)
                .query(UUID.class)
                .list();
    }

    /** The stored request of a job. */
    Optional<JobRequest> request(UUID id) {
        return jdbc.sql("select id, dataset, policy, file_name, object_key, sheet, started_by, clinic_scope, admin"
                        + " from import_jobs where id = ?")
                .param(id)
                .query((rs, i) -> new JobRequest(
                        rs.getObject("id", UUID.class),
                        rs.getString("dataset"),
                        LoadPolicy.valueOf(rs.getString("policy")),
                        rs.getString("file_name"),
                        rs.getString("object_key"),
                        rs.getString("sheet"),
                        rs.getObject("started_by", UUID.class),
                        List.of((UUID[]) rs.getArray("clinic_scope").getArray()),
                        rs.getBoolean("admin")))
                .optional();
    }

    /** Appends row errors in file order, numbering them from {@code firstSeq}; values are cut to 500 characters. */
    void insertErrors(UUID id, int firstSeq, List<RowError> errors) {
        var args = new java.util.ArrayList<Object[]>(errors.size());
        for (int i = 0; i < errors.size(); i++) {
            var error = errors.get(i);
            args.add(new Object[] {
                id,
                firstSeq + i,
                cut(error.sheet(), 255),
                error.rowNumber(),
                cut(error.column(), 255),
                cut(error.value(), 500),
                cut(error.reason(), 500)
            });
        }
        template.batchUpdate(
                "insert into import_row_errors (import_id, seq, sheet, row_number, column_name, cell_value, reason)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                args);
    }

    /** Streams a job's row errors in file order. */
    void forEachError(UUID id, Consumer<RowError> consumer) {
        jdbc.sql("select sheet, row_number, column_name, cell_value, reason from import_row_errors"
                        + " where import_id = ? order by seq")
                .param(id)
                .query(rs -> {
                    consumer.accept(new RowError(
                            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                });
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private ImportJob map(ResultSet rs, int row) throws SQLException {
        var startedAt = instant(rs.getTimestamp("started_at"));
        var finishedAt = instant(rs.getTimestamp("finished_at"));
        return new ImportJob(
                rs.getObject("id", UUID.class),
                rs.getString("dataset"),
                LoadPolicy.valueOf(rs.getString("policy")),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("file_name"),
                rs.getLong("file_size"),
                rs.getString("sheet"),
                rs.getObject("started_by", UUID.class),
                rs.getLong("rows_read"),
                rs.getObject("rows_total", Long.class),
                rs.getLong("inserted"),
                rs.getLong("updated"),
                rs.getLong("unchanged"),
                rs.getLong("rejected"),
                rs.getString("failure_reason"),
                instant(rs.getTimestamp("created_at")),
                startedAt,
                finishedAt,
                ImportJob.duration(startedAt, finishedAt, clock.instant()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
