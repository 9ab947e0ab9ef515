package io.polyclinic.ingest.naming;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of table {@code naming_spellings} <-> {@link Spelling}. */
@Repository
class NamingRepository {

    private static final String COLUMNS = "id, dataset, spelling, normalized, field, updated_at";

    private final JdbcClient jdbc;

    NamingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every spelling of a dataset (the table holds hundreds, not millions). */
    List<Spelling> findByDataset(String dataset) {
        return jdbc.sql("select " + COLUMNS + " from naming_spellings where dataset = ? order by field, normalized")
                .param(dataset)
                .query(NamingRepository::map)
                .list();
    }

    /** One page of spellings, optionally of one dataset, by dataset, field and spelling. */
    List<Spelling> page(String dataset, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from naming_spellings where (cast(? as text) is null or dataset = ?)"
                        + " order by dataset, field, normalized limit ? offset ?")
                .params(dataset, dataset, limit, offset)
                .query(NamingRepository::map)
                .list();
    }

    long count(String dataset) {
        return jdbc.sql("select count(*) from naming_spellings where (cast(? as text) is null or dataset = ?)")
                .params(dataset, dataset)
                .query(Long.class)
                .single();
    }

    Optional<Spelling> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from naming_spellings where id = ?")
                .param(id)
                .query(NamingRepository::map)
                .optional();
    }

    Optional<Spelling> findByNormalized(String dataset, String normalized) {
        return jdbc.sql("select " + COLUMNS + " from naming_spellings where dataset = ? and normalized = ?")
                .params(dataset, normalized)
                .query(NamingRepository::map)
                .optional();
    }

    /** Inserts; false when the dataset already has the normal form (the unique key). */
    boolean insert(UUID id, String dataset, String spelling, String normalized, String field, UUID actor) {
        return jdbc.sql("insert into naming_spellings (id, dataset, spelling, normalized, field, created_by)"
                                + " values (?, ?, ?, ?, ?, ?) on conflict (dataset, normalized) do nothing")
                        .params(id, dataset, spelling, normalized, field, actor)
                        .update()
                == 1;
    }

    /** Changes the field a spelling maps to; false when it does not exist. */
    boolean updateField(UUID id, String field) {
        return jdbc.sql("update naming_spellings set field = ?, updated_at = now() where id = ?")
                        .params(field, id)
                        .update()
                == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from naming_spellings where id = ?").param(id).update() == 1;
    }

    private static Spelling map(ResultSet rs, int row) throws SQLException {
        return new Spelling(
                rs.getObject("id", UUID.class),
                rs.getString("dataset"),
                rs.getString("spelling"),
                rs.getString("normalized"),
                rs.getString("field"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
