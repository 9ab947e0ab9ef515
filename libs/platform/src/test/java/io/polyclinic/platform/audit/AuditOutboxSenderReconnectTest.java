package io.polyclinic.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.contracts.audit.v1.RecordBatchResponse;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.outbox.OutboxMessage;
import io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit sender after an outage of the audit service, against a real gRPC server on a real port: the relay's
 * first retry once the service is back must deliver, not fail on the channel's stale "connection refused".
 */
class AuditOutboxSenderReconnectTest {

    private final int port = freePort();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private final ManagedChannel channel =
            ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstSendAfterTheAuditServiceIsBackDeliversAtOnce() throws Exception {
        var sender = new AuditOutboxSender(
                channel,
                new ServiceTokenClientInterceptor(() -> "service-token"),
                Duration.ofSeconds(5),
                500,
                new SimpleMeterRegistry());
        var whileDown = message();
        assertThatThrownBy(() -> sender.send(List.of(whileDown)))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

        startAuditService();
        var afterwards = message();
        sender.send(List.of(whileDown, afterwards));

        assertThat(received)
                .containsExactlyInAnyOrder(
                        whileDown.id().toString(), afterwards.id().toString());
        assertThat(authorizations).containsOnly("Bearer service-token");
    }

    /** A stand-in for the audit service that keeps the record ids of every batch. */
    private void startAuditService() throws IOException {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
                    ServerCall<ReqT, RespT> call, Metadata metadata, ServerCallHandler<ReqT, RespT> next) {
                authorizations.add(String.valueOf(metadata.get(ServiceTokenClientInterceptor.AUTHORIZATION)));
                return next.startCall(call, metadata);
            }
        };
        server = ServerBuilder.forPort(port)
                .intercept(headers)
                .addService(new AuditServiceGrpc.AuditServiceImplBase() {
                    @Override
                    public StreamObserver<RecordRequest> recordBatch(StreamObserver<RecordBatchResponse> response) {
                        return new StreamObserver<>() {
                            private int count;

                            @Override
                            public void onNext(RecordRequest request) {
                                received.add(request.getRecord().getId());
                                count++;
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {
                                response.onNext(RecordBatchResponse.newBuilder()
                                        .setReceived(count)
                                        .setStored(count)
                                        .build());
                                response.onCompleted();
                            }
                        };
                    }
                })
                .build()
                .start();
    }

    private static OutboxMessage message() {
        var id = UUID.randomUUID();
        var payload = """
                {"id":"%s","occurredAt":"2026-12-01T10:00:00Z","source":"booking","action":"APPOINTMENT_BOOKED",\
                "entityType":"appointment","entityId":"a-1"}""".formatted(id);
        return new OutboxMessage(id, "audit", "appointment:a-1", "AuditRecord", payload, Instant.now(), null);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
