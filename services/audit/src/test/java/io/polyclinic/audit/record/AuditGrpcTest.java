package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.contracts.audit.v1.AuditRecord;
import io.polyclinic.contracts.audit.v1.QueryRequest;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditGrpcTest extends AuditApiTest {

    @Test
    void aRecordedEntryIsFoundByQueryWithEveryField() {
        var entity = uniqueEntity();
        var sent = record(entity).build();

        var response =
                blocking().record(RecordRequest.newBuilder().setRecord(sent).build());

        assertThat(response.getDuplicate()).isFalse();
        assertThat(response.getSeq()).isPositive();
        var found =
                asAdmin().query(QueryRequest.newBuilder().setEntityId(entity).build());
        assertThat(found.getTotalItems()).isEqualTo(1);
        var logged = found.getRecords(0);
        assertThat(logged.getSeq()).isEqualTo(response.getSeq());
        assertThat(logged.getHash()).hasSize(64);
        var stored = logged.getRecord();
        assertThat(stored.getId()).isEqualTo(sent.getId());
        assertThat(stored.getActorId()).isEqualTo(sent.getActorId());
        assertThat(stored.getDetailsJson()).isEqualTo(sent.getDetailsJson());
        assertThat(stored.getRequestId()).isEqualTo(sent.getRequestId());
        assertThat(stored.getTraceId()).isEqualTo(sent.getTraceId());
        assertThat(stored.getIp()).isEqualTo(sent.getIp());
        assertThat(stored.getOccurredAt().getSeconds())
                .isEqualTo(sent.getOccurredAt().getSeconds());
    }

    @Test
    void anAnonymousRecordWithoutOptionalFieldsIsAccepted() {
        var entity = uniqueEntity();
        var sent = record(entity)
                .clearActorId()
                .clearDetailsJson()
                .clearRequestId()
                .clearTraceId()
                .clearIp()
                .setAction("LOGIN_FAILED")
                .build();

        blocking().record(RecordRequest.newBuilder().setRecord(sent).build());

        var stored = asAdmin()
                .query(QueryRequest.newBuilder().setEntityId(entity).build())
                .getRecords(0)
                .getRecord();
        assertThat(stored.hasActorId()).isFalse();
        assertThat(stored.hasDetailsJson()).isFalse();
        assertThat(stored.getAction()).isEqualTo("LOGIN_FAILED");
    }

    @Test
    void missingOrMalformedFieldsAreInvalidArgumentNamingTheField() {
        var entity = uniqueEntity();
        assertInvalid(RecordRequest.getDefaultInstance(), "record is required");
        assertInvalid(request(record(entity).clearId()), "id is required");
        assertInvalid(request(record(entity).setId("not-a-uuid")), "id must be a UUID");
        assertInvalid(request(record(entity).clearOccurredAt()), "occurredAt is required");
        assertInvalid(request(record(entity).clearSource()), "source is required");
        assertInvalid(request(record(entity).clearAction()), "action is required");
        assertInvalid(request(record(entity).setAction("booked; drop table")), "action must be upper snake case");
        assertInvalid(request(record(entity).clearEntityType()), "entityType is required");
        assertInvalid(request(record(entity).setActorId("42")), "actorId must be a UUID");
        assertInvalid(request(record(entity).setDetailsJson("[1,2]")), "detailsJson must be a JSON object");
        assertInvalid(request(record(entity).setDetailsJson("{broken")), "detailsJson must be a JSON object");
        assertInvalid(request(record(entity).setDetailsJson("{} {}")), "detailsJson must be a JSON object");
        assertInvalid(
                request(record(entity).setDetailsJson("{\"a\":\"" + "x".repeat(70_000) + "\"}")),
                "detailsJson must be at most 64 KiB");
        assertInvalid(request(record(entity).setEntityId("x".repeat(201))), "entityId must be at most 200");

        assertThat(asAdmin()
                        .query(QueryRequest.newBuilder().setEntityId(entity).build())
                        .getTotalItems())
                .isZero();
    }

    @Test
    void aBatchIsStoredInOrderWithConsecutivePositions() throws Exception {
        var entity = uniqueEntity();
        var records =
                IntStream.range(0, 25).mapToObj(i -> record(entity).build()).toList();

        var response = sendBatch(records);

        assertThat(response.getReceived()).isEqualTo(25);
        assertThat(response.getStored()).isEqualTo(25);
        assertThat(response.getDuplicates()).isZero();
        var page = asAdmin()
                .query(QueryRequest.newBuilder()
                        .setEntityId(entity)
                        .setSize(100)
                        .build());
        assertThat(page.getTotalItems()).isEqualTo(25);
        var seqs = page.getRecordsList().stream().map(r -> r.getSeq()).sorted().toList();
        assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(24);
        var byId = page.getRecordsList().stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.getSeq()))
                .map(r -> r.getRecord().getId())
                .toList();
        assertThat(byId)
                .containsExactlyElementsOf(
                        records.stream().map(AuditRecord::getId).toList());
    }

    @Test
    void resendingRecordsNeverStoresThemTwice() throws Exception {
        var entity = uniqueEntity();
        var records =
                IntStream.range(0, 5).mapToObj(i -> record(entity).build()).toList();
        var first = sendBatch(records);

        var again = sendBatch(records);
        var single = blocking().record(request(records.get(2).toBuilder()));
        var repeatedInOneBatch =
                sendBatch(List.of(records.get(0), record(entity).build(), records.get(0)));

        assertThat(first.getStored()).isEqualTo(5);
        assertThat(again.getStored()).isZero();
        assertThat(again.getDuplicates()).isEqualTo(5);
        assertThat(single.getDuplicate()).isTrue();
        assertThat(repeatedInOneBatch.getStored()).isEqualTo(1);
        assertThat(repeatedInOneBatch.getDuplicates()).isEqualTo(2);
        assertThat(asAdmin()
                        .query(QueryRequest.newBuilder().setEntityId(entity).build())
                        .getTotalItems())
                .isEqualTo(6);
    }

    @Test
    void aBatchWithOneInvalidRecordStoresNothingAndNamesTheRecord() {
        var entity = uniqueEntity();
        var records = new ArrayList<AuditRecord>();
        records.add(record(entity).build());
        records.add(record(entity).build());
        records.add(record(entity).clearAction().build());
        records.add(record(entity).build());

        assertThatThrownBy(() -> sendBatch(records))
                .hasCauseInstanceOf(StatusRuntimeException.class)
                .cause()
                .satisfies(e -> {
                    var status = ((StatusRuntimeException) e).getStatus();
                    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(status.getDescription()).contains("records[2]").contains("action is required");
                });
        assertThat(asAdmin()
                        .query(QueryRequest.newBuilder().setEntityId(entity).build())
                        .getTotalItems())
                .isZero();
    }

    @Test
    void anEmptyBatchIsInvalid() {
        assertThatThrownBy(() -> sendBatch(List.of())).cause().satisfies(e -> assertThat(
                        ((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void queryFiltersCombineAndBadQueriesAreInvalidArgument() {
        var entity = uniqueEntity();
        var actor = java.util.UUID.randomUUID().toString();
        var base = Instant.parse("2026-01-10T10:00:00Z");
        blocking().record(request(record(entity).setActorId(actor).setOccurredAt(timestamp(base))));
        blocking()
                .record(request(record(entity)
                        .setActorId(actor)
                        .setAction("APPOINTMENT_CANCELLED")
                        .setOccurredAt(timestamp(base.plusSeconds(60)))));
        blocking().record(request(record(entity).setOccurredAt(timestamp(base.plusSeconds(120)))));

        var byActor =
                asAdmin().query(QueryRequest.newBuilder().setActorId(actor).build());
        var cancelled = asAdmin()
                .query(QueryRequest.newBuilder()
                        .setActorId(actor)
                        .setAction("APPOINTMENT_CANCELLED")
                        .build());
        var window = asAdmin()
                .query(QueryRequest.newBuilder()
                        .setEntityType("appointment")
                        .setEntityId(entity)
                        .setFrom(timestamp(base.plusSeconds(60)))
                        .setTo(timestamp(base.plusSeconds(120)))
                        .build());

        assertThat(byActor.getTotalItems()).isEqualTo(2);
        assertThat(byActor.getRecords(0).getRecord().getAction()).isEqualTo("APPOINTMENT_CANCELLED");
        assertThat(cancelled.getTotalItems()).isEqualTo(1);
        assertThat(window.getTotalItems()).isEqualTo(1);
        assertThat(window.getRecords(0).getRecord().getAction()).isEqualTo("APPOINTMENT_CANCELLED");

        assertQueryInvalid(
                QueryRequest.newBuilder()
                        .setFrom(timestamp(base))
                        .setTo(timestamp(base.minusSeconds(1)))
                        .build(),
                "to must not be before from");
        assertQueryInvalid(QueryRequest.newBuilder().setSize(101).build(), "size must be between 1 and 100");
        assertQueryInvalid(QueryRequest.newBuilder().setActorId("nope").build(), "actorId must be a UUID");
    }

    @Test
    void concurrentWritersExtendOneChainWithoutGapsOrForks() throws Exception {
        var entity = uniqueEntity();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = IntStream.range(0, 40)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> blocking().record(request(record(entity))).getSeq(), pool))
                    .toList();
            var seqs = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(seqs).doesNotHaveDuplicates();
        }
        var verification = verifyChain();
        assertThat(verification.get("status").asString()).isEqualTo("VALID");
        assertThat(verification.get("checkedRecords").asLong())
                .isEqualTo(verification.get("totalRecords").asLong());
    }

    @Test
    void queryNeedsAnAdminTokenAndRefusesServiceTokens() {
        var query = QueryRequest.newBuilder().setEntityId(uniqueEntity()).build();
        var patient = io.polyclinic.testkit.jwt.TestJwtIssuer.shared()
                .token(java.util.UUID.randomUUID(), "p@test", "PATIENT");

        assertThatThrownBy(() -> blocking().query(query))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> anonymous().query(query))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> withToken(patient).query(query))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(asAdmin().query(query).getTotalItems()).isZero();
    }

    private static RecordRequest request(AuditRecord.Builder record) {
        return RecordRequest.newBuilder().setRecord(record).build();
    }

    private void assertInvalid(RecordRequest request, String description) {
        assertThatThrownBy(() -> blocking().record(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(description);
        });
    }

    private void assertQueryInvalid(QueryRequest request, String description) {
        assertThatThrownBy(() -> asAdmin().query(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(description);
        });
    }
}
