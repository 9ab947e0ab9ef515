package io.polyclinic.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Rows written and read back through one unnest statement, on the testkit's real PostgreSQL. */
class UnnestBatchTest {

    private static final String INSERT = """
            insert into visits (id, at, pages, source, props)
            select * from unnest(?::uuid[], ?::timestamptz[], ?::int[], ?::text[], ?::jsonb[])
            on conflict (id) do nothing
            """;

    private static final String INSERT_RETURNING = INSERT + "returning id";

    private JdbcTemplate jdbc;

    @BeforeEach
    void freshTable() {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing(
                "unnest_batch_" + ProcessHandle.current().pid());
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, server.username(), ""));
        jdbc.execute("drop table if exists visits");
        jdbc.execute("""
                create table visits (id uuid primary key, at timestamptz not null, pages int not null check (pages >= 0),
                                     source text, props jsonb)
                """);
    }

    @Test
    void everyRowIsWrittenByOneStatementWithItsValuesAndNulls() {
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var at = Instant.parse("2026-12-01T10:15:30.123456Z");
        var batch = new UnnestBatch("uuid", "timestamptz", "int4", "text", "jsonb")
                .add(first, Timestamp.from(at), 3, "search'; drop table visits; --", "{\"plan\":\"pro\"}")
                .add(second, Timestamp.from(at.plusSeconds(60)), 0, null, null);

        assertThat(batch.update(jdbc, INSERT)).isEqualTo(2);

        var rows = jdbc.queryForList("select id, at, pages, source, props::text as props from visits order by at");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id")).isEqualTo(first);
        assertThat(((Timestamp) rows.get(0).get("at")).toInstant()).isEqualTo(at);
        assertThat(rows.get(0).get("pages")).isEqualTo(3);
        assertThat(rows.get(0).get("source")).isEqualTo("search'; drop table visits; --");
        assertThat(rows.get(0).get("props")).isEqualTo("{\"plan\": \"pro\"}");
        assertThat(rows.get(1).get("id")).isEqualTo(second);
        assertThat(rows.get(1).get("source")).isNull();
        assertThat(rows.get(1).get("props")).isNull();
    }

    @Test
    void aQueryAnswersWhatTheStatementReturnedOnlyTheNewRowsHere() {
        var stored = UUID.randomUUID();
        var fresh = UUID.randomUUID();
        var at = Timestamp.from(Instant.parse("2026-12-01T10:00:00Z"));
        new UnnestBatch("uuid", "timestamptz", "int4", "text", "jsonb")
                .add(stored, at, 1, null, null)
                .update(jdbc, INSERT);

        var inserted = new UnnestBatch("uuid", "timestamptz", "int4", "text", "jsonb")
                .add(stored, at, 1, null, null)
                .add(fresh, at, 2, null, null)
                .query(jdbc, INSERT_RETURNING, result -> {
                    var ids = new ArrayList<UUID>();
                    while (result.next()) {
                        ids.add(result.getObject(1, UUID.class));
                    }
                    return ids;
                });

        assertThat(inserted).containsExactly(fresh);
    }

    @Test
    void anEmptyBatchChangesNothing() {
        var batch = new UnnestBatch("uuid", "timestamptz", "int4", "text", "jsonb");

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.update(jdbc, INSERT)).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesFailsTheWholeStatement() {
        var at = Timestamp.from(Instant.now());
        var batch = new UnnestBatch("uuid", "timestamptz", "int4", "text", "jsonb")
                .add(UUID.randomUUID(), at, 1, null, null)
                .add(UUID.randomUUID(), at, -1, null, null);

        assertThatThrownBy(() -> batch.update(jdbc, INSERT)).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("select count(*) from visits", Long.class))
                .isZero();
    }

    @Test
    void aRowMustHaveOneValuePerColumn() {
        var batch = new UnnestBatch("uuid", "int4");

        assertThatThrownBy(() -> batch.add(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.add(UUID.randomUUID(), 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnnestBatch()).isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.isEmpty()).isTrue();
    }
}
