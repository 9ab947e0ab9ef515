package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Service-to-service trust on the audit gRPC port (decision 0025): writes need a service token with scope
 * {@code audit.write}, whoever reaches the port, and a client stream is capped.
 */
class AuditGrpcSecurityTest extends AuditApiTest {

    private static final TestJwtIssuer TOKENS = TestJwtIssuer.shared();

    @Test
    void writesWithoutCredentialsAreUnauthenticatedAndStoreNothing() {
        var entity = uniqueEntity();

        assertStatus(() -> anonymous().record(request(entity)), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> sendBatch(List.of(record(entity).build()), null), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> withToken("not.a.jwt").record(request(entity)), Status.Code.UNAUTHENTICATED);
        assertStatus(
                () -> withToken(TOKENS.expiredToken(Ids.newId(), "ADMIN")).record(request(entity)),
                Status.Code.UNAUTHENTICATED);

        assertThat(stored(entity)).isZero();
    }

    @Test
    void writesWithAUserTokenAreRefusedEvenForAnAdmin() {
        var entity = uniqueEntity();

        assertStatus(() -> asAdmin().record(request(entity)), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> sendBatch(List.of(record(entity).build()), admin), Status.Code.PERMISSION_DENIED);

        assertThat(stored(entity)).isZero();
    }

    @Test
    void aServiceTokenWithoutTheWriteScopeIsPermissionDenied() {
        var entity = uniqueEntity();
        var importer = TOKENS.serviceToken("booking", "booking.import");

        assertStatus(() -> withToken(importer).record(request(entity)), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> sendBatch(List.of(record(entity).build()), importer), Status.Code.PERMISSION_DENIED);

        assertThat(stored(entity)).isZero();
    }

    @Test
    void aServiceTokenWithTheWriteScopeStoresRecords() throws Exception {
        var entity = uniqueEntity();
        var identity = TOKENS.serviceToken("identity", "audit.write");

        withToken(identity).record(request(entity));
        sendBatch(List.of(record(entity).build(), record(entity).build()), identity);

        assertThat(stored(entity)).isEqualTo(3);
    }

    @Test
    void aStreamOverThePerStreamCapIsResourceExhaustedAndStoresNothing() {
        var entity = uniqueEntity();
        // polyclinic.grpc.server.max-messages-per-stream is 1000 by default
        var records =
                IntStream.range(0, 1001).mapToObj(i -> record(entity).build()).toList();

        assertStatus(() -> sendBatch(records), Status.Code.RESOURCE_EXHAUSTED);

        assertThat(stored(entity)).isZero();
    }

    @Test
    void theHealthServiceAnswersWithoutAToken() {
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

        var answer = health.check(HealthCheckRequest.getDefaultInstance());

        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private static RecordRequest request(String entity) {
        return RecordRequest.newBuilder().setRecord(record(entity)).build();
    }

    private long stored(String entity) {
        return jdbc.sql("select count(*) from audit_records where entity_id = ?")
                .param(entity)
                .query(Long.class)
                .single();
    }

    /** Runs the call and asserts it failed with the status, directly or as the cause of a failed batch. */
    private static void assertStatus(Executable call, Status.Code expected) {
        assertThatThrownBy(call::execute).satisfies(e -> {
            var failure = e instanceof StatusRuntimeException ? e : e.getCause();
            assertThat(failure).isInstanceOf(StatusRuntimeException.class);
            assertThat(((StatusRuntimeException) failure).getStatus().getCode()).isEqualTo(expected);
        });
    }
}
