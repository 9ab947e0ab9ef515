package io.polyclinic.ingest.warehouse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Repository;

/**
 * The bulk path into {@code warehouse.clinic_visits}, chunk by chunk, all on the connection of the caller's
 * transaction. A chunk of rows is COPYed straight into the warehouse while every key is new (under a savepoint); once a
 * chunk meets a key the warehouse holds, it is COPYed into a temporary staging table instead and moved by an upsert
 * keyed by (month, clinic, department, doctor).
 */
@Repository
class ClinicVisitsRepository {

    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "month, clinic, department, doctor, visits, revenue, import_id";

    /** Creates the staging table, dropped at commit or rollback. */
    void createStaging(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("create temporary table clinic_visits_staging ("
                    + " month date not null, clinic text not null, department text not null, doctor text not null,"
                    + " visits integer not null, revenue numeric(14, 2) not null, import_id uuid not null)"
                    + " on commit drop");
        }
    }

    /**
     * COPYs the chunk straight into the warehouse as new rows, under a savepoint: the cheap path for keys the
     * warehouse does not hold yet (no staging table, no second write of each row, no speculative insertion). When one
     * of the keys is already there the COPY fails, is undone to the savepoint with nothing of it left, and the caller
     * moves the chunk through {@link #copyIntoStaging} and {@link #upsert} instead.
     *
     * @return true when the rows are in, false when a key was already in the warehouse (PostgreSQL's unique violation)
     * @throws SQLException any other failure; the caller's transaction is then to be rolled back
     */
    boolean copyNew(Connection connection, Chunk chunk) throws SQLException {
        var savepoint = connection.setSavepoint();
        try {
            copy(connection, "copy warehouse.clinic_visits (" + COLUMNS + ") from stdin (format csv)", chunk);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
    }

    /** COPYs the chunk into the (empty) staging table. */
    void copyIntoStaging(Connection connection, Chunk chunk) throws SQLException {
        copy(connection, "copy clinic_visits_staging (" + COLUMNS + ") from stdin (format csv)", chunk);
    }

    private static void copy(Connection connection, String sql, Chunk chunk) throws SQLException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            for (var piece : chunk.pieces()) {
                copy.writeToCopy(piece, 0, piece.length);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // The COPY failed already; its own exception is the one the caller must see.
                }
            }
        }
    }

    /** Empties the staging table for the next chunk of rows. */
    void clearStaging(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("truncate clinic_visits_staging");
        }
    }

    /**
     * Moves the staged rows into the warehouse in one statement, in key order (so two imports of the same file at
     * once lock rows in the same order and one waits for the other). A row whose values are unchanged is not written.
     *
     * @return {inserted, updated}
     */
    long[] upsert(Connection connection) throws SQLException {
        var sql = "with moved as ("
                + " insert into warehouse.clinic_visits as t (" + COLUMNS + ", loaded_at)"
                + " select " + COLUMNS + ", now() from clinic_visits_staging"
                + " order by month, clinic, department, doctor"
                + " on conflict (month, clinic, department, doctor) do update"
                + " set visits = excluded.visits, revenue = excluded.revenue, import_id = excluded.import_id,"
                + " loaded_at = excluded.loaded_at"
                + " where (t.visits, t.revenue) is distinct from (excluded.visits, excluded.revenue)"
                + " returning (xmax = 0) as inserted)"
                + " select count(*) filter (where inserted), count(*) filter (where not inserted) from moved";
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * A chunk of rows as COPY input: CSV lines, every text quoted, the import's id on each, UTF-8, held in memory
     * (about 130 bytes a row, at most {@link ClinicVisitsSink#CHUNK_BYTES}) so that it can be COPYed a second time
     * when the first path refuses it.
     */
    static final class Chunk {

        private static final int BUFFER_CHARS = 64 * 1024;

        private final String importId;
        private final StringBuilder buffer = new StringBuilder(BUFFER_CHARS + 1024);
        private final List<byte[]> pieces = new ArrayList<>();
        private long rows;
        private long piecesBytes;

        Chunk(UUID importId) {
            this.importId = importId.toString();
        }

        void add(LocalDate month, String clinic, String department, String doctor, long visits, BigDecimal revenue) {
            buffer.append(month).append(',');
            quoted(clinic);
            quoted(department);
            quoted(doctor);
            buffer.append(visits)
                    .append(',')
                    .append(revenue.toPlainString())
                    .append(',')
                    .append(importId)
                    .append('\n');
            rows++;
            if (buffer.length() >= BUFFER_CHARS) {
                spill();
            }
        }

        long rows() {
            return rows;
        }

        /** About how many bytes the chunk holds (its UTF-8 pieces, and two bytes per character not yet encoded). */
        long size() {
            return piecesBytes + 2L * buffer.length();
        }

        /** Empties the chunk for the next rows. */
        void clear() {
            buffer.setLength(0);
            pieces.clear();
            piecesBytes = 0;
            rows = 0;
        }

        private List<byte[]> pieces() {
            spill();
            return pieces;
        }

        private void quoted(String text) {
            buffer.append('"').append(text.replace("\"", "\"\"")).append('"').append(',');
        }

        private void spill() {
            if (!buffer.isEmpty()) {
                var piece = buffer.toString().getBytes(StandardCharsets.UTF_8);
                pieces.add(piece);
                piecesBytes += piece.length;
                buffer.setLength(0);
            }
        }
    }
}
