package io.polyclinic.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.ingest.v1.FileHeader;
import io.polyclinic.contracts.ingest.v1.FileUpload;
import io.polyclinic.contracts.ingest.v1.ImportJob;
import io.polyclinic.contracts.ingest.v1.IngestServiceGrpc;
import io.polyclinic.contracts.ingest.v1.ListImportsRequest;
import io.polyclinic.contracts.ingest.v1.WatchImportRequest;
import io.polyclinic.ingest.IngestTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** {@code IngestService} over a real gRPC channel with user access tokens: start, watch, list, and who may call. */
class IngestGrpcTest extends IngestTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;

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

    private IngestServiceGrpc.IngestServiceStub async(String token) {
        return IngestServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)));
    }

    private IngestServiceGrpc.IngestServiceBlockingStub blocking(String token) {
        return IngestServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth(token)));
    }

    private static Metadata auth(String token) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    @Test
    void aFileStreamedInChunksIsImportedAndWatchedToItsEnd() throws Exception {
        var clinic = "gRPC clinic " + UUID.randomUUID().toString().substring(0, 8);
        var csv = ("Month,Clinic,Department,Doctor,Visits,Revenue\n2026-01," + clinic + ",Dept,Dr A,5,50\n2026-02,"
                        + clinic + ",Dept,Dr A,6,60\n")
                .getBytes(StandardCharsets.UTF_8);
        var answer = new CompletableFuture<ImportJob>();
        var requests = async(admin).startImport(new StreamObserver<>() {
            @Override
            public void onNext(ImportJob job) {
                answer.complete(job);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        });
        requests.onNext(FileUpload.newBuilder()
                .setHeader(FileHeader.newBuilder()
                        .setDataset("clinic_visits")
                        .setFileName("visits.csv")
                        .setPolicy("SKIP_INVALID"))
                .build());
        requests.onNext(FileUpload.newBuilder()
                .setChunk(ByteString.copyFrom(csv, 0, 20))
                .build());
        requests.onNext(FileUpload.newBuilder()
                .setChunk(ByteString.copyFrom(csv, 20, csv.length - 20))
                .build());
        requests.onCompleted();
        var started = answer.get(30, TimeUnit.SECONDS);
        assertThat(started.getStatus()).isIn("QUEUED", "RUNNING", "SUCCEEDED");

        var updates = new ArrayList<ImportJob>();
        blocking(admin)
                .watchImport(
                        WatchImportRequest.newBuilder().setId(started.getId()).build())
                .forEachRemaining(updates::add);

        var last = updates.getLast();
        assertThat(last.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(last.getInserted()).isEqualTo(2);
        assertThat(blocking(admin)
                        .listImports(
                                ListImportsRequest.newBuilder().setSize(100).build())
                        .getItemsList())
                .extracting(ImportJob::getId)
                .contains(started.getId());
    }

    @Test
    void aPatientIsRefusedAndAnUnknownImportIsNotFound() {
        assertThatThrownBy(() -> blocking(patient).listImports(ListImportsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> blocking(admin)
                        .watchImport(WatchImportRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build())
                        .hasNext())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
