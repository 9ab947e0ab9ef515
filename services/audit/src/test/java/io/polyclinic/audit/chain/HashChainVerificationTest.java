package io.polyclinic.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.audit.record.AuditLogService;
import io.polyclinic.audit.record.AuditRecord;
import io.polyclinic.audit.record.AuditRecordRepository;
import io.polyclinic.audit.record.ChainAnchorStore;
import io.polyclinic.audit.record.ChainKeys;
import io.polyclinic.audit.record.HashChain;
import io.polyclinic.audit.shared.AuditProperties;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.id.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tampering with the audit table the way only a database superuser can (triggers disabled), as an attacker who has
 * the database but not the chain key or the anchor file would. Its own context (small verify batches and a small
 * batch limit), hence its own database and anchor; every test puts the table back as it found it.
 */
@TestPropertySource(
        properties = {"polyclinic.audit.server.verify-batch-size=10", "polyclinic.audit.server.max-batch-records=5"})
class HashChainVerificationTest extends AuditApiTest {

    @Autowired
    AuditRecordRepository repository;

    @Autowired
    ChainKeys keys;

    @Autowired
    AuditProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Value("${polyclinic.audit.chain.anchor-file}")
    Path anchorFile;

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
    void anUntouchedChainIsValidWithEveryRecordCheckedAndEveryLinkKeyed() {
        appendOneByOne(12);

        var result = verifyChain();

        assertThat(result.get("status").asString()).isEqualTo("VALID");
        assertThat(result.get("firstBroken").isNull()).isTrue();
        assertThat(result.get("totalRecords").asLong()).isEqualTo(headSeq()).isGreaterThanOrEqualTo(12);
        assertThat(result.get("checkedRecords").asLong())
                .isEqualTo(result.get("totalRecords").asLong());
        assertThat(result.get("anchoredSeq").asLong()).isEqualTo(headSeq());
        assertThat(result.get("finishedAt").isNull()).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_records where key_id is distinct from ?")
                        .param(keys.currentId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aRecordRewrittenAsSuperuserWithARecomputedSha256ChainIsBrokenAtThatRecord() {
        appendOneByOne(35);
        long head = headSeq();
        long victim = head - 12;
        saveFrom(victim);
        try {
            // The attacker changes one record and, lacking the key, relinks it and every later record with plain
            // SHA-256 (the unkeyed algorithm), marks them unkeyed and moves the head row: internally consistent.
            var previous = repository.hashAt(victim - 1).orElseThrow();
            for (var logged : repository.chainAfter(victim - 1, 100)) {
                var r = logged.record();
                var record = logged.seq() == victim
                        ? new AuditRecord(
                                r.id(),
                                r.occurredAt(),
                                r.source(),
                                r.actorId(),
                                r.action(),
                                r.entityType(),
                                r.entityId(),
                                "{\"reason\":\"nothing to see\"}",
                                r.requestId(),
                                r.traceId(),
                                r.ip())
                        : r;
                previous = HashChain.link(previous, logged.seq(), logged.recordedAt(), record);
                asSuperuser(
                        "update audit_records set details = cast(? as json), hash = ?, key_id = null where seq = ?",
                        record.detailsJson(),
                        previous,
                        logged.seq());
            }
            jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ?")
                    .params(head, previous)
                    .update();

            var unkeyed = verifyChain();
            assertThat(unkeyed.get("status").asString()).isEqualTo("BROKEN");
            assertBrokenAt(unkeyed, victim, "UNKEYED");
            assertThat(unkeyed.get("firstBroken").get("id").asString())
                    .isEqualTo(repository
                            .chainAfter(victim - 1, 1)
                            .getFirst()
                            .record()
                            .id()
                            .toString());
            assertThat(unkeyed.get("checkedRecords").asLong()).isEqualTo(victim - 1);

            // Keeping the key id does not help: the plain SHA-256 link is not the keyed one.
            asSuperuser("update audit_records set key_id = ? where seq = ?", keys.currentId(), victim);
            assertBrokenAt(verifyChain(), victim, "ALTERED");

            // While the database is off its anchor, nothing new is appended on top of the rewritten history.
            assertThatThrownBy(() -> blocking()
                            .record(RecordRequest.newBuilder()
                                    .setRecord(record(uniqueEntity()))
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        } finally {
            restoreFrom(victim, head);
        }
        assertThat(verifyChain().get("status").asString()).isEqualTo("VALID");
    }

    @Test
    void deletingTheNewestRecordsIsBrokenAtTheFirstMissingOneEvenWithTheHeadRowMovedBack() {
        appendOneByOne(5);
        long head = headSeq();
        long firstGone = head - 2;
        saveFrom(firstGone);
        try {
            cutAfter(firstGone - 1);

            var result = verifyChain();
            assertThat(result.get("status").asString()).isEqualTo("BROKEN");
            assertBrokenAt(result, firstGone, "MISSING");
            assertThat(result.get("firstBroken").get("id").isNull()).isTrue();
            assertThat(result.get("totalRecords").asLong()).isEqualTo(head);
            assertThat(result.get("anchoredSeq").asLong()).isEqualTo(head);
            assertThatThrownBy(() -> blocking()
                            .record(RecordRequest.newBuilder()
                                    .setRecord(record(uniqueEntity()))
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        } finally {
            restoreFrom(firstGone, head);
        }
        assertThat(verifyChain().get("status").asString()).isEqualTo("VALID");
        assertThat(blocking()
                        .record(RecordRequest.newBuilder()
                                .setRecord(record(uniqueEntity()))
                                .build())
                        .getSeq())
                .isEqualTo(head + 1);
    }

    @Test
    void anAnchorOneBatchBehindAfterACrashRaisesNoAlarmButTheLossOfAnAnchoredRecordDoes() throws Exception {
        sendBatch(IntStream.range(0, 5)
                .mapToObj(i -> record(uniqueEntity()).build())
                .toList());
        // A crash between the next batch's commit and its anchor write: the anchor file keeps this state.
        var lagging = Files.createTempDirectory("lagging-anchor").resolve("anchor.json");
        Files.copy(anchorFile, lagging);
        sendBatch(IntStream.range(0, 3)
                .mapToObj(i -> record(uniqueEntity()).build())
                .toList());
        long head = headSeq();

        // The service restarted on that file.
        var restarted = new ChainAnchorStore(lagging, keys, Clock.systemUTC(), repository);
        assertThat(restarted.current().seq()).isEqualTo(head - 3);
        var verifier = new ChainVerificationService(
                records(restarted, keys), restarted, keys, Clock.systemUTC(), new SimpleMeterRegistry(), properties);
        try {
            var lag = run(verifier);
            assertThat(lag.status()).isEqualTo(VerificationStatus.VALID);
            assertThat(lag.checkedRecords()).isEqualTo(head);

            saveFrom(head - 3);
            try {
                // The unanchored batch can vanish unnoticed: that is the one-batch window of decision 0030.
                cutAfter(head - 3);
                assertThat(run(verifier).status()).isEqualTo(VerificationStatus.VALID);
                // One anchored record more cannot.
                cutAfter(head - 4);
                var cut = run(verifier);
                assertThat(cut.status()).isEqualTo(VerificationStatus.BROKEN);
                assertThat(cut.firstBroken()).isEqualTo(new BrokenRecord(head - 3, null, BreakReason.MISSING));
            } finally {
                restoreFrom(head - 3, head);
            }

            // The next append anchors the lagging batch first, so the anchor never falls two batches behind.
            var service = new AuditLogService(
                    repository, Clock.systemUTC(), new SimpleMeterRegistry(), properties, keys, restarted);
            transactions.executeWithoutResult(status -> service.append(List.of(slotCreated())));
            assertThat(restarted.current().seq()).isEqualTo(head + 1);
            assertThat(new ChainAnchorStore(lagging, keys, Clock.systemUTC(), repository)
                            .current()
                            .seq())
                    .isEqualTo(head + 1);
        } finally {
            verifier.destroy();
        }
    }

    @Test
    void afterAKeyRotationOldRecordsVerifyWithThePreviousKeyAndNewOnesAreLinkedWithTheNewKey() throws Exception {
        appendOneByOne(3);
        long head = headSeq();
        var rotated = ChainKeys.of(
                java.util.Base64.getEncoder().encodeToString("a new chain key of 32 bytes or more".getBytes()),
                List.of(io.polyclinic.audit.ChainTestInitializer.TEST_KEY));
        var copy = Files.createTempDirectory("rotated-anchor").resolve("anchor.json");
        Files.copy(anchorFile, copy);
        // The service restarted with the new key; the anchor, sealed with the old one, still loads.
        var anchors = new ChainAnchorStore(copy, rotated, Clock.systemUTC(), repository);
        var service = new AuditLogService(
                repository, Clock.systemUTC(), new SimpleMeterRegistry(), properties, rotated, anchors);
        var verifier = new ChainVerificationService(
                records(anchors, rotated), anchors, rotated, Clock.systemUTC(), new SimpleMeterRegistry(), properties);
        saveFrom(head + 1);
        try {
            transactions.executeWithoutResult(status -> service.append(List.of(slotCreated())));
            assertThat(repository.chainAfter(head, 1).getFirst().keyId()).isEqualTo(rotated.currentId());
            assertThat(repository.chainAfter(head - 1, 1).getFirst().keyId()).isEqualTo(keys.currentId());

            assertThat(run(verifier).status()).isEqualTo(VerificationStatus.VALID);

            // Without the previous key, the old records cannot be verified.
            var newKeyOnly = ChainKeys.of(
                    java.util.Base64.getEncoder().encodeToString("a new chain key of 32 bytes or more".getBytes()),
                    List.of());
            var forgetful = new ChainVerificationService(
                    records(anchors, newKeyOnly),
                    anchors,
                    newKeyOnly,
                    Clock.systemUTC(),
                    new SimpleMeterRegistry(),
                    properties);
            try {
                var result = run(forgetful);
                assertThat(result.status()).isEqualTo(VerificationStatus.BROKEN);
                assertThat(result.firstBroken().reason()).isEqualTo(BreakReason.UNKNOWN_KEY);
            } finally {
                forgetful.destroy();
            }
        } finally {
            verifier.destroy();
            restoreFrom(head + 1, head);
        }
    }

    @Test
    void anAnchorFileChangedWithoutTheKeyStopsTheServiceFromStarting() throws Exception {
        appendOneByOne(1);
        var forged = Files.createTempDirectory("forged-anchor").resolve("anchor.json");
        var text = Files.readString(anchorFile, StandardCharsets.UTF_8);
        var seq = JSON.readTree(text).get("seq").asLong();
        Files.writeString(forged, text.replace("\"seq\":" + seq, "\"seq\":" + (seq - 1)), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ChainAnchorStore(forged, keys, Clock.systemUTC(), repository))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not verify");
        var otherKeys = ChainKeys.of(java.util.Base64.getEncoder().encodeToString(new byte[32]), List.of());
        assertThatThrownBy(() -> new ChainAnchorStore(anchorFile, otherKeys, Clock.systemUTC(), repository))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous-keys");
    }

    @Test
    void aStreamLongerThanTheBatchLimitIsRefusedAndNothingOfItIsStored() throws Exception {
        var entity = uniqueEntity();
        var records =
                IntStream.range(0, 6).mapToObj(i -> record(entity).build()).toList();

        assertThatThrownBy(() -> sendBatch(records)).cause().isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("at most 5 records");
        });
        assertThat(sendBatch(records.subList(0, 5)).getStored()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from audit_records where entity_id = ?")
                        .param(entity)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    private void appendOneByOne(int records) {
        for (int i = 0; i < records; i++) {
            blocking()
                    .record(RecordRequest.newBuilder()
                            .setRecord(record(uniqueEntity()))
                            .build());
        }
    }

    private static AuditRecord slotCreated() {
        return AuditRecord.of(
                Ids.newId(),
                Instant.now(),
                "booking",
                null,
                "SLOT_CREATED",
                "slot",
                uniqueEntity(),
                null,
                null,
                null,
                null);
    }

    private long headSeq() {
        return repository.head().lastSeq();
    }

    private static void assertBrokenAt(JsonNode result, long seq, String reason) {
        assertThat(result.get("firstBroken").get("seq").asLong()).isEqualTo(seq);
        assertThat(result.get("firstBroken").get("reason").asString()).isEqualTo(reason);
    }

    /** Runs a job of this verifier to its end. */
    private static VerificationView run(ChainVerificationService verifier) throws InterruptedException {
        var id = verifier.start().id();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (verifier.find(id).status() == VerificationStatus.RUNNING) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        return verifier.find(id);
    }

    /** Keeps a copy of the records from {@code seq} on, for {@link #restoreFrom}. */
    private void saveFrom(long seq) {
        jdbc.sql("drop table if exists saved_audit_records").update();
        jdbc.sql("create table saved_audit_records as select * from audit_records where seq >= ?")
                .param(seq)
                .update();
    }

    /** Deletes every record after {@code lastKept} and points the head row at it, as a careful attacker would. */
    private void cutAfter(long lastKept) {
        asSuperuser("delete from audit_records where seq > ?", lastKept);
        jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ?")
                .params(lastKept, repository.hashAt(lastKept).orElseThrow())
                .update();
    }

    /** Puts the saved records back exactly and the head row at {@code head}. */
    private void restoreFrom(long seq, long head) {
        asSuperuser("delete from audit_records where seq >= ?", seq);
        jdbc.sql("insert into audit_records select * from saved_audit_records").update();
        jdbc.sql("drop table saved_audit_records").update();
        jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ?")
                .params(head, repository.hashAt(head).orElseThrow())
                .update();
    }

    /** Runs a statement with the append-only trigger disabled, as a superuser can. */
    private void asSuperuser(String statement, Object... params) {
        jdbc.sql("alter table audit_records disable trigger audit_records_append_only")
                .update();
        try {
            jdbc.sql(statement).params(params).update();
        } finally {
            jdbc.sql("alter table audit_records enable trigger audit_records_append_only")
                    .update();
        }
    }

    /** The record log the verifier reads, over the given anchor and keys. */
    private AuditLogService records(ChainAnchorStore anchors, ChainKeys keys) {
        return new AuditLogService(repository, Clock.systemUTC(), new SimpleMeterRegistry(), properties, keys, anchors);
    }
}
