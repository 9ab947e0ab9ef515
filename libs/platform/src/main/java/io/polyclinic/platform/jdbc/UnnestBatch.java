package io.polyclinic.platform.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Many rows written by one PostgreSQL statement: each column goes as one array parameter and the SQL turns the
 * arrays back into rows with {@code unnest}, e.g.
 *
 * <pre>{@code
 * insert into visits (id, at, pages)
 * select * from unnest(?::uuid[], ?::timestamptz[], ?::int[])
 * on conflict (id) do nothing
 * }</pre>
 *
 * <p>with {@code new UnnestBatch("uuid", "timestamptz", "int4")}, one {@link #add(Object...)} per row and
 * {@link #update(JdbcTemplate, String)}. One statement and one round trip, whatever the number of rows (a JDBC batch
 * sends one statement per row); the values stay parameters, never SQL text. Parameter {@code i} (1-based) is column
 * {@code i-1} of every row, in the order added. Not thread-safe: one batch per call.
 */
public final class UnnestBatch {

    private final String[] types;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param types the columns' array element types as PostgreSQL's JDBC driver names them for
     *     {@link Connection#createArrayOf(String, Object[])}: {@code uuid}, {@code text}, {@code int4}, {@code int8},
     *     {@code timestamp}, {@code timestamptz}, {@code numeric}, {@code jsonb}, ...
     * @throws IllegalArgumentException without any column
     */
    public UnnestBatch(String... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("An unnest batch needs at least one column");
        }
        this.types = types.clone();
    }

    /**
     * Adds a row: its values in column order, as JDBC takes them ({@code UUID}, {@code String}, {@code Integer},
     * {@code Long}, {@code java.sql.Timestamp}, {@code BigDecimal}; {@code null} for SQL NULL; JSON as text).
     *
     * @return this batch
     * @throws IllegalArgumentException when the row has not one value per column
     */
    public UnnestBatch add(Object... row) {
        if (row.length != types.length) {
            throw new IllegalArgumentException("A row of " + row.length + " values for " + types.length + " columns");
        }
        rows.add(row.clone());
        return this;
    }

    /** Whether no row was added (the statements below still run then, with empty arrays). */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Runs a statement without a result set (insert, upsert, update, delete) with the columns as its parameters.
     *
     * @return the number of rows the statement changed
     * @throws org.springframework.dao.DataAccessException when the database refuses it
     */
    public int update(JdbcTemplate jdbc, String sql) {
        return jdbc.execute((Connection connection) -> {
            try (var statement = prepare(connection, sql)) {
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs a statement that returns rows ({@code ... returning ...}) with the columns as its parameters.
     *
     * @param reader reads the whole result set
     * @return what {@code reader} made of it
     * @throws org.springframework.dao.DataAccessException when the database refuses it
     */
    public <T> T query(JdbcTemplate jdbc, String sql, ResultSetExtractor<T> reader) {
        return jdbc.execute((Connection connection) -> {
            try (var statement = prepare(connection, sql);
                    var result = statement.executeQuery()) {
                return reader.extractData(result);
            }
        });
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        var statement = connection.prepareStatement(sql);
        try {
            for (int c = 0; c < types.length; c++) {
                var column = new Object[rows.size()];
                for (int r = 0; r < column.length; r++) {
                    column[r] = rows.get(r)[c];
                }
                statement.setArray(c + 1, connection.createArrayOf(types[c], column));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
