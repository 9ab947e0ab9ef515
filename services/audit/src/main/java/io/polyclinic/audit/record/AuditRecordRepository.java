package io.polyclinic.audit.record;

import io.polyclinic.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the audit log: append (under the chain head's row lock), filtered pages, and the chain in {@code seq}
 * order for verification. There is deliberately no update or delete statement here, and the table's triggers
 * refuse them (V1 migration).
 */
@Repository
public class AuditRecordRepository {

    private static final String COLUMNS = "seq, id, occurred_at, recorded_at, source, actor_id, action, entity_type,"
            + " entity_id, details::text as details, request_id, trace_id, ip, hash, key_id";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public AuditRecordRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Locks the chain head row until the transaction ends and returns it: every append holds this lock, so appends
     * are serial and each sees the link the previous one wrote.
     */
    public ChainHead lockHead() {
        return jdbc.sql("select last_seq, last_hash from audit_chain_head for update")
                .query((rs, n) -> new ChainHead(rs.getLong("last_seq"), rs.getBytes("last_hash")))
                .single();
    }

    /** The chain head as last committed, without locking. */
    public ChainHead head() {
        return jdbc.sql("select last_seq, last_hash from audit_chain_head")
                .query((rs, n) -> new ChainHead(rs.getLong("last_seq"), rs.getBytes("last_hash")))
                .single();
    }

    /** The stored positions of those of {@code ids} already in the log, by id. */
    public Map<UUID, Long> seqsOf(Collection<UUID> ids) {
        var found = new HashMap<UUID, Long>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select id, seq from audit_records where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class), rs.getLong("seq"));
                });
        return found;
    }

    /** Inserts records whose {@code seq} and hash were computed under {@link #lockHead()}, in one JDBC batch. */
    public void insert(List<LoggedRecord> records) {
        var rows = new ArrayList<Object[]>(records.size());
        for (var logged : records) {
            var r = logged.record();
            rows.add(new Object[] {
                logged.seq(),
                r.id(),
                utc(r.occurredAt()),
                utc(logged.recordedAt()),
                r.source(),
                r.actorId(),
                r.action(),
                r.entityType(),
                r.entityId(),
                r.detailsJson(),
                r.requestId(),
                r.traceId(),
                r.ip(),
                logged.hash(),
                logged.keyId()
            });
        }
        jdbcTemplate.batchUpdate("""
                insert into audit_records (seq, id, occurred_at, recorded_at, source, actor_id, action, entity_type,
                                           entity_id, details, request_id, trace_id, ip, hash, key_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as json), ?, ?, ?, ?, ?)
                """, rows);
    }

    /** Moves the chain head to the last appended record; call in the transaction that locked it. */
    public void moveHead(long lastSeq, byte[] lastHash) {
        jdbc.sql("update audit_chain_head set last_seq = :seq, last_hash = :hash")
                .param("seq", lastSeq)
                .param("hash", lastHash)
                .update();
    }

    /** One page of records matching {@code query}, newest first ({@code occurred_at}, then {@code seq}). */
    public List<LoggedRecord> find(AuditQuery query, PageQuery page) {
        var where = new StringBuilder(" where true");
        var params = filters(query, where);
        params.put("limit", page.size());
        params.put("offset", page.offset());
        return jdbc.sql("select " + COLUMNS + " from audit_records" + where
                        + " order by occurred_at desc, seq desc limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** How many records match {@code query}. */
    public long count(AuditQuery query) {
        var where = new StringBuilder(" where true");
        var params = filters(query, where);
        return jdbc.sql("select count(*) from audit_records" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} records with {@code seq > afterSeq}, in {@code seq} order: one batch of a chain walk. */
    public List<LoggedRecord> chainAfter(long afterSeq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_records where seq > :after order by seq limit :limit")
                .param("after", afterSeq)
                .param("limit", limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** The link stored at {@code seq}, or empty when no record holds that position. */
    public Optional<byte[]> hashAt(long seq) {
        return jdbc.sql("select hash from audit_records where seq = :seq")
                .param("seq", seq)
                .query((rs, n) -> rs.getBytes("hash"))
                .optional();
    }

    /**
     * The position of the first keyed record (one with a key id), or empty when every record is unkeyed. Used once,
     * when the chain anchor is created.
     */
    public Optional<Long> firstKeyedSeq() {
        return jdbc.sql("select seq from audit_records where key_id is not null order by seq limit 1")
                .query(Long.class)
                .optional();
    }

    /** Appends each non-null filter to {@code where} as a parameterized condition and returns the parameters. */
    private static Map<String, Object> filters(AuditQuery query, StringBuilder where) {
        var params = new HashMap<String, Object>();
        if (query.actorId() != null) {
            where.append(" and actor_id = :actor");
            params.put("actor", query.actorId());
        }
        if (query.entityType() != null) {
            where.append(" and entity_type = :entityType");
            params.put("entityType", query.entityType());
        }
        if (query.entityId() != null) {
            where.append(" and entity_id = :entityId");
            params.put("entityId", query.entityId());
        }
        if (query.action() != null) {
            where.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" and occurred_at < :to");
            params.put("to", utc(query.to()));
        }
        return params;
    }

    private static LoggedRecord map(ResultSet rs) throws SQLException {
        var record = new AuditRecord(
                rs.getObject("id", UUID.class),
                instant(rs, "occurred_at"),
                rs.getString("source"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("action"),
                rs.getString("entity_type"),
                rs.getString("entity_id"),
                rs.getString("details"),
                rs.getString("request_id"),
                rs.getString("trace_id"),
                rs.getString("ip"));
        return new LoggedRecord(
                rs.getLong("seq"), instant(rs, "recorded_at"), rs.getBytes("hash"), rs.getString("key_id"), record);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
