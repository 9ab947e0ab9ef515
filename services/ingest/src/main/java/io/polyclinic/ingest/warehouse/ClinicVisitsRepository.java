package io.polyclinic.ingest.warehouse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.stereotype.Repository;

/**
 * The bulk path into {@code warehouse.clinic_visits}: rows are streamed by COPY into a temporary staging table, then
 * moved by an upsert keyed by (month, clinic, department, doctor), chunk by chunk. All on the connection of the
 * caller's transaction.
 */
@Repository
class ClinicVisitsRepository {

    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Rows buffered before they are written to the COPY stream. */
    private static final int BUFFER_BYTES = 256 * 1024;

    /** Creates the staging table, dropped at commit or rollback. */
    void createStaging(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("create temporary table clinic_visits_staging ("
                    + " month date not null, clinic text not null, department text not null, doctor text not null,"
                    + " visits integer not null, revenue numeric(14, 2) not null) on commit drop");
        }
    }

    /** Opens a COPY into the staging table; one at a time per connection. */
    Staging copyIntoStaging(Connection connection) throws SQLException {
        var copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy clinic_visits_staging (month, clinic, department, doctor, visits, revenue)"
                        + " from stdin (format csv)");
        return new Staging(copy);
    }

    /** Empties the staging table for the next chunk of rows. */
    void clearStaging(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("truncate clinic_visits_staging");
        }
    }

    /**
     * Inserts the staged rows into the warehouse as new rows, in key order, under a savepoint: the cheap move for keys
     * the warehouse does not hold yet (a plain insert writes each row once, an upsert also logs its speculative
     * insertion and confirms it). When one of the keys is already there the insert is undone, nothing of it stays, and
     * the caller upserts instead; as the rows go in key order, a chunk of known keys fails on its first row.
     *
     * @return the rows inserted, or empty when a key was already in the warehouse (PostgreSQL's unique violation)
     * @throws SQLException any other failure; the caller's transaction is then to be rolled back
     */
    OptionalLong insertNew(Connection connection, UUID importId) throws SQLException {
        var sql = "insert into warehouse.clinic_visits"
                + " (month, clinic, department, doctor, visits, revenue, import_id, loaded_at)"
                + " select month, clinic, department, doctor, visits, revenue, ?, now() from clinic_visits_staging"
                + " order by month, clinic, department, doctor";
        var savepoint = connection.setSavepoint();
        try (var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, importId);
            var inserted = statement.executeLargeUpdate();
            connection.releaseSavepoint(savepoint);
            return OptionalLong.of(inserted);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return OptionalLong.empty();
        }
    }

    /**
     * Moves the staged rows into the warehouse in one statement, in key order (so two imports of the same file at
     * once lock rows in the same order and one waits for the other). A row whose values are unchanged is not written.
     *
     * @return {inserted, updated}
     */
    long[] upsert(Connection connection, UUID importId) throws SQLException {
        var sql = "with moved as ("
                + " insert into warehouse.clinic_visits as t"
                + " (month, clinic, department, doctor, visits, revenue, import_id, loaded_at)"
                + " select month, clinic, department, doctor, visits, revenue, ?, now() from clinic_visits_staging"
                + " order by month, clinic, department, doctor"
                + " on conflict (month, clinic, department, doctor) do update"
                + " set visits = excluded.visits, revenue = excluded.revenue, import_id = excluded.import_id,"
                + " loaded_at = excluded.loaded_at"
                + " where (t.visits, t.revenue) is distinct from (excluded.visits, excluded.revenue)"
                + " returning (xmax = 0) as inserted)"
                + " select count(*) filter (where inserted), count(*) filter (where not inserted) from moved";
        try (var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, importId);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** An open COPY into the staging table; rows are CSV lines, every text quoted. */
    static final class Staging {

        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(BUFFER_BYTES + 1024);
        private long rows;

        private Staging(CopyIn copy) {
            this.copy = copy;
        }

        void add(LocalDate month, String clinic, String department, String doctor, long visits, BigDecimal revenue)
                throws SQLException {
            buffer.append(month).append(',');
            quoted(clinic);
            quoted(department);
            quoted(doctor);
            buffer.append(visits).append(',').append(revenue.toPlainString()).append('\n');
            rows++;
            if (buffer.length() >= BUFFER_BYTES) {
                flush();
            }
        }

        long rows() {
            return rows;
        }

        /** Ends the COPY; the rows are then in the staging table. */
        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }

        /** Abandons the COPY (the transaction is rolled back after). */
        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the rollback that follows discards everything anyway
            }
        }

        private void quoted(String text) {
            buffer.append('"').append(text.replace("\"", "\"\"")).append('"').append(',');
        }

        private void flush() throws SQLException {
            if (buffer.isEmpty()) {
                return;
            }
            var bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
