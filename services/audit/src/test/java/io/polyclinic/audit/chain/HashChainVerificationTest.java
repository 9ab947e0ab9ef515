package io.polyclinic.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.TestPropertySource;

/**
 * Tampering with the audit table, the way only a superuser can, and the batch limit. Its own context (small verify
 * batches and a small batch limit), hence its own database: a broken chain does not leak into the other tests.
 */
@TestPropertySource(
        properties = {"polyclinic.audit.server.verify-batch-size=10", "polyclinic.audit.server.max-batch-records=5"})
class HashChainVerificationTest extends AuditApiTest {

    @Test
    void theDatabaseRefusesToChangeOrDeleteRecords() {
        var entity = uniqueEntity();
        blocking().record(RecordRequest.newBuilder().setRecord(record(entity)).build());

        assertThatThrownBy(() -> jdbc.sql("update audit_records set action = 'NOTHING_HAPPENED' where entity_id = ?")
                        .param(entity)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_records where entity_id = ?")
                        .param(entity)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_records").update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_records where entity_id = ?")
                        .param(entity)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void verificationPassesUntilARowIsAlteredAndThenNamesThatRow() {
        var entity = uniqueEntity();
        for (int i = 0; i < 35; i++) {
            blocking()
                    .record(RecordRequest.newBuilder().setRecord(record(entity)).build());
        }

        var before = get("/api/v1/audit/verify", admin);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("valid").asBoolean()).isTrue();
        assertThat(before.body().get("firstBrokenSeq").isNull()).isTrue();
        long head = before.body().get("headSeq").asLong();
        assertThat(before.body().get("checkedRecords").asLong()).isEqualTo(head).isGreaterThanOrEqualTo(35);

        long victim = head - 12;
        var original = jdbc.sql("select details::text from audit_records where seq = ?")
                .param(victim)
                .query(String.class)
                .single();
        asSuperuser("update audit_records set details = '{\"reason\":\"nothing to see\"}' where seq = " + victim);

        var after = get("/api/v1/audit/verify", admin);
        assertThat(after.body().get("valid").asBoolean()).isFalse();
        assertThat(after.body().get("firstBrokenSeq").asLong()).isEqualTo(victim);
        assertThat(after.body().get("checkedRecords").asLong()).isEqualTo(victim - 1);

        // Putting the exact bytes back makes the chain whole again: the hash covers the content, nothing else.
        jdbc.sql("alter table audit_records disable trigger audit_records_append_only")
                .update();
        try {
            jdbc.sql("update audit_records set details = cast(? as json) where seq = ?")
                    .params(original, victim)
                    .update();
        } finally {
            jdbc.sql("alter table audit_records enable trigger audit_records_append_only")
                    .update();
        }
        assertThat(get("/api/v1/audit/verify", admin).body().get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void aRemovedRecordIsFoundByTheGapItLeaves() {
        var entity = uniqueEntity();
        for (int i = 0; i < 3; i++) {
            blocking()
                    .record(RecordRequest.newBuilder().setRecord(record(entity)).build());
        }
        long removed = jdbc.sql("select min(seq) from audit_records where entity_id = ?")
                .param(entity)
                .query(Long.class)
                .single();
        assertThat(get("/api/v1/audit/verify", admin).body().get("valid").asBoolean())
                .isTrue();
        jdbc.sql("create table removed_audit_record as select * from audit_records where seq = " + removed)
                .update();
        try {
            asSuperuser("delete from audit_records where seq = " + removed);

            var after = get("/api/v1/audit/verify", admin).body();
            assertThat(after.get("valid").asBoolean()).isFalse();
            assertThat(after.get("firstBrokenSeq").asLong()).isEqualTo(removed);
        } finally {
            jdbc.sql("insert into audit_records select * from removed_audit_record")
                    .update();
            jdbc.sql("drop table removed_audit_record").update();
        }
        assertThat(get("/api/v1/audit/verify", admin).body().get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void aStreamLongerThanTheBatchLimitIsRefusedAndNothingOfItIsStored() throws Exception {
        var entity = uniqueEntity();
        var records = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> record(entity).build())
                .toList();

        assertThatThrownBy(() -> sendBatch(records))
                .cause()
                .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("at most 5 records");
                });
        assertThat(sendBatch(records.subList(0, 5)).getStored()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from audit_records where entity_id = ?")
                        .param(entity)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    /** Runs a statement with the append-only triggers disabled, as a superuser could. */
    private void asSuperuser(String statement) {
        jdbc.sql("alter table audit_records disable trigger audit_records_append_only")
                .update();
        try {
            jdbc.sql(statement).update();
        } finally {
            jdbc.sql("alter table audit_records enable trigger audit_records_append_only")
                    .update();
        }
    }
}
