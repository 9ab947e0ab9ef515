package io.polyclinic.ingest.bookingimport;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.ImportDoctorsRequest;
import io.polyclinic.contracts.booking.v1.ImportSlotsRequest;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.contracts.booking.v1.SlotRow;
import io.polyclinic.ingest.dataset.SinkUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Calls booking's bulk import ({@code polyclinic.booking.v1.BookingImportService}) with ingest's service token: one
 * call per batch of rows, the context first, and one {@link RowResult} back per row, in order.
 */
public class BookingImportClient {

    private final BookingImportServiceGrpc.BookingImportServiceStub stub;
    private final Duration deadline;

    /**
     * @param channel booking's gRPC channel
     * @param serviceToken adds ingest's service token (scope {@code booking.import}) to each call
     * @param deadline the longest one call may take
     */
    public BookingImportClient(Channel channel, ClientInterceptor serviceToken, Duration deadline) {
        this.stub = BookingImportServiceGrpc.newStub(ClientInterceptors.intercept(channel, serviceToken));
        this.deadline = deadline;
    }

    /**
     * Imports one batch of doctors.
     *
     * @return one result per row, in order
     * @throws SinkUnavailableException when booking cannot be reached or refuses the call
     */
    public List<RowResult> importDoctors(ImportContext context, List<DoctorRow> rows) {
        return call(
                observer -> stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .importDoctors(observer),
                ImportDoctorsRequest.newBuilder().setContext(context).build(),
                rows,
                row -> ImportDoctorsRequest.newBuilder().setRow(row).build());
    }

    /** Imports one batch of slots; as {@link #importDoctors}. */
    public List<RowResult> importSlots(ImportContext context, List<SlotRow> rows) {
        return call(
                observer -> stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .importSlots(observer),
                ImportSlotsRequest.newBuilder().setContext(context).build(),
                rows,
                row -> ImportSlotsRequest.newBuilder().setRow(row).build());
    }

    private <Q, R> List<RowResult> call(
            Function<StreamObserver<RowResult>, StreamObserver<Q>> open,
            Q first,
            List<R> rows,
            Function<R, Q> message) {
        var results = new Results();
        var requests = open.apply(results);
        try {
            requests.onNext(first);
            rows.forEach(row -> requests.onNext(message.apply(row)));
            requests.onCompleted();
        } catch (RuntimeException e) {
            requests.onError(e);
            throw unavailable(Status.fromThrowable(e));
        }
        var answered = results.await(deadline.plusSeconds(5));
        if (answered.size() != rows.size()) {
            throw new SinkUnavailableException(
                    "Booking answered " + answered.size() + " of " + rows.size() + " rows; the import stopped.", null);
        }
        return answered;
    }

    private static SinkUnavailableException unavailable(Status status) {
        var why =
                switch (status.getCode()) {
                    case UNAUTHENTICATED, PERMISSION_DENIED -> "booking refused ingest's credentials";
                    case DEADLINE_EXCEEDED -> "booking did not answer in time";
                    case UNAVAILABLE -> "booking is unavailable";
                    default -> "booking failed (" + status.getCode() + ")";
                };
        return new SinkUnavailableException(
                "Doctors and slots could not be delivered: " + why + ".", status.asRuntimeException());
    }

    /** Collects one call's results. */
    private static final class Results implements StreamObserver<RowResult> {
        private final List<RowResult> received = new ArrayList<>();
        private final CompletableFuture<List<RowResult>> done = new CompletableFuture<>();

        @Override
        public synchronized void onNext(RowResult value) {
            received.add(value);
        }

        @Override
        public synchronized void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public synchronized void onCompleted() {
            done.complete(List.copyOf(received));
        }

        List<RowResult> await(Duration timeout) {
            try {
                return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw unavailable(Status.fromThrowable(e.getCause()));
            } catch (TimeoutException e) {
                throw unavailable(Status.DEADLINE_EXCEEDED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(Status.CANCELLED);
            }
        }
    }
}
