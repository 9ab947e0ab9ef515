package db.testdata.legacy;

import io.polyclinic.audit.record.AuditRecord;
import io.polyclinic.audit.record.HashChain;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Test data: {@value #RECORDS} records as the service wrote them before the chain was keyed (plain SHA-256 links,
 * decision 0018), between the V1 schema and the V2 migration that adds key ids: a database being upgraded.
 */
public class V1_1__Unkeyed_records extends BaseJavaMigration {

    /** How many unkeyed records the migration writes (seq 1 to this). */
    public static final int RECORDS = 7;

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        var previous = HashChain.GENESIS;
        var recordedAt = Instant.parse("2026-06-01T09:00:00.123456Z");
        try (var insert = connection.prepareStatement("""
                insert into audit_records (seq, id, occurred_at, recorded_at, source, actor_id, action, entity_type,
                                           entity_id, details, request_id, trace_id, ip, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as json), ?, ?, ?, ?)
                """)) {
            for (int seq = 1; seq <= RECORDS; seq++) {
                var record = AuditRecord.of(
                        UUID.randomUUID(),
                        recordedAt.minusSeconds(60),
                        "identity",
                        null,
                        "LOGIN_FAILED",
                        "user",
                        null,
                        "{\"reason\":\"UNKNOWN_EMAIL\",\"n\":" + seq + "}",
                        "req-" + seq,
                        null,
                        "198.51.100.1");
                previous = HashChain.link(previous, seq, recordedAt, record);
                insert.setLong(1, seq);
                insert.setObject(2, record.id());
                insert.setTimestamp(3, Timestamp.from(record.occurredAt()));
                insert.setTimestamp(4, Timestamp.from(recordedAt));
                insert.setString(5, record.source());
                insert.setObject(6, record.actorId());
                insert.setString(7, record.action());
                insert.setString(8, record.entityType());
                insert.setString(9, record.entityId());
                insert.setString(10, record.detailsJson());
                insert.setString(11, record.requestId());
                insert.setString(12, record.traceId());
                insert.setString(13, record.ip());
                insert.setBytes(14, previous);
                insert.executeUpdate();
            }
        }
        try (var head = connection.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ?")) {
            head.setLong(1, RECORDS);
            head.setBytes(2, previous);
            head.executeUpdate();
        }
    }
}
