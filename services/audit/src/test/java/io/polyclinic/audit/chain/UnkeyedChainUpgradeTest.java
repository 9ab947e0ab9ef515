package io.polyclinic.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import db.testdata.legacy.V1_1__Unkeyed_records;
import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.audit.record.ChainAnchorStore;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The upgrade from the unkeyed chain: a database holding records with plain SHA-256 links (written by a test
 * migration before V2) gets its first anchor at start, keyed from the next position on.
 */
@TestPropertySource(properties = "spring.flyway.locations=classpath:db/migration/audit,classpath:db/testdata/legacy")
class UnkeyedChainUpgradeTest extends AuditApiTest {

    private static final int UNKEYED = V1_1__Unkeyed_records.RECORDS;

    @Autowired
    ChainAnchorStore anchors;

    @Test
    void recordsLinkedBeforeTheUpgradeStillVerifyAndEveryNewRecordIsKeyed() {
        assertThat(anchors.current().keyedFromSeq()).isEqualTo(UNKEYED + 1);
        for (int i = 0; i < 3; i++) {
            blocking()
                    .record(RecordRequest.newBuilder()
                            .setRecord(record(uniqueEntity()))
                            .build());
        }

        var result = verifyChain();

        assertThat(result.get("status").asString()).isEqualTo("VALID");
        assertThat(result.get("checkedRecords").asLong()).isEqualTo(UNKEYED + 3);
        assertThat(jdbc.sql("select count(*) from audit_records where key_id is null")
                        .query(Long.class)
                        .single())
                .isEqualTo(UNKEYED);
        assertThat(jdbc.sql("select min(seq) from audit_records where key_id is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(UNKEYED + 1);
    }

    @Test
    void anUnkeyedRecordAlteredInPlaceIsBrokenAtThatRecord() {
        var original = jdbc.sql("select details::text from audit_records where seq = 3")
                .query(String.class)
                .single();
        asSuperuser("update audit_records set details = '{\"reason\":\"WRONG_PASSWORD\"}' where seq = 3");
        try {
            var result = verifyChain();
            assertThat(result.get("status").asString()).isEqualTo("BROKEN");
            assertThat(result.get("firstBroken").get("seq").asLong()).isEqualTo(3);
            assertThat(result.get("firstBroken").get("reason").asString()).isEqualTo("ALTERED");
        } finally {
            asSuperuser("update audit_records set details = cast('" + original.replace("'", "''")
                    + "' as json) where seq = 3");
        }
        assertThat(verifyChain().get("status").asString()).isEqualTo("VALID");
    }

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
