package io.polyclinic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.audit.v1.AuditRecord;
import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.contracts.audit.v1.RecordBatchResponse;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the audit service's Spring tests: ONE shared context on a fresh embedded PostgreSQL database, the HTTP
 * server and the gRPC server each on a free port, real HTTP and real gRPC (plaintext) against them, user and service
 * tokens from {@link TestJwtIssuer}, a chain key and anchor file from {@link ChainTestInitializer}. Tests write records with unique entity ids, so they do not see
 * each other's records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            EmbeddedKafkaInitializer.class,
            TestJwtIssuer.Initializer.class,
            ChainTestInitializer.class
        })
@Import(RecordedSpans.class)
public abstract class AuditApiTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private GrpcServerLifecycle grpcServer;

    protected final String admin = TestJwtIssuer.shared().token(Ids.newId(), "admin@test", "ADMIN");

    /** A service token allowed to write audit records, like booking's. */
    protected final String writer = TestJwtIssuer.shared().serviceToken("booking", "audit.write");

    protected ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.getPort())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The gRPC port the audit service listens on. */
    protected int grpcPort() {
        return grpcServer.getPort();
    }

    /** A stub that sends a service token with scope {@code audit.write}, as a service's outbox relay does. */
    protected AuditServiceGrpc.AuditServiceBlockingStub blocking() {
        return withToken(writer);
    }

    /** A stub that sends no credentials at all. */
    protected AuditServiceGrpc.AuditServiceBlockingStub anonymous() {
        return AuditServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** A stub that sends the admin's access token, as the gRPC {@code Query} requires. */
    protected AuditServiceGrpc.AuditServiceBlockingStub asAdmin() {
        return withToken(admin);
    }

    protected AuditServiceGrpc.AuditServiceBlockingStub withToken(String token) {
        return anonymous().withInterceptors(bearer(token));
    }

    /** An asynchronous stub with the writer's service token. */
    protected AuditServiceGrpc.AuditServiceStub async() {
        return async(writer);
    }

    /** An asynchronous stub with this bearer token, or none when it is null. */
    protected AuditServiceGrpc.AuditServiceStub async(String token) {
        var stub = AuditServiceGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        return token == null ? stub : stub.withInterceptors(bearer(token));
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** Streams the records as one RecordBatch call; a failed call completes exceptionally with its status. */
    protected RecordBatchResponse sendBatch(List<AuditRecord> records) throws Exception {
        return sendBatch(records, writer);
    }

    /** Streams the records as one RecordBatch call with this bearer token (none when null). */
    protected RecordBatchResponse sendBatch(List<AuditRecord> records, String token) throws Exception {
        var result = new CompletableFuture<RecordBatchResponse>();
        var requests = async(token).recordBatch(new StreamObserver<>() {
            @Override
            public void onNext(RecordBatchResponse value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        });
        for (var record : records) {
            requests.onNext(RecordRequest.newBuilder().setRecord(record).build());
        }
        requests.onCompleted();
        return result.get(30, TimeUnit.SECONDS);
    }

    /** A complete, valid record about {@code entityId}. */
    protected static AuditRecord.Builder record(String entityId) {
        return AuditRecord.newBuilder()
                .setId(Ids.newId().toString())
                .setOccurredAt(timestamp(Instant.now()))
                .setSource("booking")
                .setActorId(UUID.randomUUID().toString())
                .setAction("APPOINTMENT_BOOKED")
                .setEntityType("appointment")
                .setEntityId(entityId)
                .setDetailsJson("{\"slotId\":\"" + UUID.randomUUID() + "\",\"note\":\"ünïcode ✓\"}")
                .setRequestId("req-" + entityId)
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setIp("203.0.113.7");
    }

    protected static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    protected static String uniqueEntity() {
        return "e-" + Ids.newId();
    }

    /** A response with its parsed body. */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public JsonNode items() {
            assertThat(status).as(raw.body()).isEqualTo(200);
            return body.get("items");
        }

        /** Asserts a problem answer with this status and, when given, problem type slug. */
        public Response isProblem(int expectedStatus, String slug) {
            assertThat(status).as(raw.body()).isEqualTo(expectedStatus);
            assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            if (slug != null) {
                assertThat(body.get("type").asString()).isEqualTo("urn:polyclinic:problem:" + slug);
            }
            return this;
        }
    }

    protected Response get(String path, String token) {
        return send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET(),
                token);
    }

    protected Response post(String path, String token) {
        return send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                token);
    }

    /** Starts a chain verification as the admin and returns its final state (polled until it is not RUNNING). */
    protected JsonNode verifyChain() {
        var started = post("/api/v1/audit/verifications", admin);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        return awaitVerification(started.body().get("id").asString());
    }

    /** Polls a verification job until it is not RUNNING (at most a minute) and returns its last state. */
    protected JsonNode awaitVerification(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var job = get("/api/v1/audit/verifications/" + id, admin);
            assertThat(job.status()).as(job.raw().body()).isEqualTo(200);
            if (!job.body().get("status").asString().equals("RUNNING")) {
                return job.body();
            }
            assertThat(System.nanoTime())
                    .as("verification %s still running", id)
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Response send(HttpRequest.Builder builder, String token) {
        builder.timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            return new Response(
                    response.statusCode(), response, text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
