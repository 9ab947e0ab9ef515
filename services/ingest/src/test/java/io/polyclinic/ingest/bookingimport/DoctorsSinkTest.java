package io.polyclinic.ingest.bookingimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.ImportDoctorsRequest;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.ingest.dataset.LoadContext;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.dataset.SinkRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The doctors sink over a real gRPC channel to a stand-in for booking's bulk import that keeps what it receives: the
 * work phone and email of a row reach booking, an empty one is not sent, and booking's refusal of one names the file's
 * column and value.
 */
class DoctorsSinkTest {

    private final List<DoctorRow> received = new CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void startBooking() throws Exception {
        server = ServerBuilder.forPort(0)
                .addService(new BookingImportServiceGrpc.BookingImportServiceImplBase() {
                    @Override
                    public StreamObserver<ImportDoctorsRequest> importDoctors(StreamObserver<RowResult> results) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(ImportDoctorsRequest request) {
                                if (request.hasRow()) {
                                    received.add(request.getRow());
                                    results.onNext(resultFor(request.getRow()));
                                }
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {
                                results.onCompleted();
                            }
                        };
                    }
                })
                .build()
                .start();
        channel = ManagedChannelBuilder.forAddress("localhost", server.getPort())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stopBooking() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Booking's answer: REJECTED on the email for an address at example.invalid, else INSERTED. */
    private static RowResult resultFor(DoctorRow row) {
        var result = RowResult.newBuilder().setRowNumber(row.getRowNumber());
        if (row.getEmail().endsWith("@example.invalid")) {
            return result.setOutcome(RowResult.Outcome.REJECTED)
                    .setField("email")
                    .setReason("refused")
                    .build();
        }
        return result.setOutcome(RowResult.Outcome.INSERTED)
                .setEntityId(UUID.randomUUID().toString())
                .build();
    }

    @Test
    void theWorkPhoneAndEmailOfARowReachBookingAndAnEmptyOneIsNotSent() {
        var sink = new DoctorsSink(
                new BookingImportClient(channel, noToken(), Duration.ofSeconds(30)),
                new BookingImportProperties("unused", 500, Duration.ofSeconds(30), 1000));
        var errors = new ArrayList<RowError>();

        var counts = sink.load(
                context(),
                List.of(
                                row(2, Map.of("phone", "+74951234567", "email", "ivanova@clinic.example")),
                                row(3, Map.of()),
                                row(4, Map.of("email", "petrov@example.invalid")))
                        .iterator(),
                errors::add);

        assertThat(received).hasSize(3);
        assertThat(received.get(0).getPhone()).isEqualTo("+74951234567");
        assertThat(received.get(0).getEmail()).isEqualTo("ivanova@clinic.example");
        assertThat(received.get(1).hasPhone()).isFalse();
        assertThat(received.get(1).hasEmail()).isFalse();
        assertThat(counts).isEqualTo(new LoadCounts(2, 0, 0, 1));
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.rowNumber()).isEqualTo(4);
            assertThat(error.column()).isEqualTo("email");
            assertThat(error.value()).isEqualTo("petrov@example.invalid");
        });
    }

    private static SinkRow row(long number, Map<String, Object> contacts) {
        var values = new LinkedHashMap<String, Object>();
        values.put("external_id", "TAB-" + number);
        values.put("full_name", "Doctor " + number);
        values.put("specialty", "cardiology");
        values.put("clinic", "Clinic");
        values.putAll(contacts);
        return new SinkRow(null, number, values);
    }

    private static LoadContext context() {
        return new LoadContext(
                UUID.randomUUID(), UUID.randomUUID(), Set.of(), true, LoadPolicy.SKIP_INVALID, () -> false, () -> true);
    }

    private static ClientInterceptor noToken() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> io.grpc.ClientCall<Q, R> interceptCall(
                    io.grpc.MethodDescriptor<Q, R> method, io.grpc.CallOptions options, io.grpc.Channel next) {
                return next.newCall(method, options);
            }
        };
    }
}
