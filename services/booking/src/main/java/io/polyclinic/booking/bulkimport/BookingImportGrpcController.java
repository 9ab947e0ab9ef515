package io.polyclinic.booking.bulkimport;

import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.ImportDoctorsRequest;
import io.polyclinic.contracts.booking.v1.ImportSlotsRequest;
import io.polyclinic.contracts.booking.v1.RowResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The gRPC transport of booking's bulk import ({@code polyclinic.booking.v1.BookingImportService}), called by the
 * ingest service with a service token of scope {@code booking.import}. A call's first message is the
 * {@link ImportContext}, then its rows; the rows are applied once the client half-closes, and one {@link RowResult}
 * per row is streamed back in order. A malformed context is INVALID_ARGUMENT for the whole call; the platform caps
 * the messages of one stream (RESOURCE_EXHAUSTED), so a client sends large imports as several calls. A database
 * outage ends the call with UNAVAILABLE after the results already sent.
 */
@GrpcService
public class BookingImportGrpcController extends BookingImportServiceGrpc.BookingImportServiceImplBase {

    private static final int MAX_CONTEXT_CLINICS = 1000;

    private final BulkImportService imports;

    public BookingImportGrpcController(BulkImportService imports) {
        this.imports = imports;
    }

    @Override
    public StreamObserver<ImportDoctorsRequest> importDoctors(StreamObserver<RowResult> response) {
        return new Call<>(response, imports::importDoctors);
    }

    @Override
    public StreamObserver<ImportSlotsRequest> importSlots(StreamObserver<RowResult> response) {
        return new Call<>(response, imports::importSlots);
    }

    /** Applies the rows of a call ({@link BulkImportService#importDoctors} or {@link BulkImportService#importSlots}). */
    @FunctionalInterface
    private interface Importer<R> {
        void run(ImportScope scope, List<R> rows, Consumer<ImportedRow> results, BooleanSupplier cancelled);
    }

    /** One import call: the context, then rows collected until the client half-closes. */
    private static final class Call<Q extends Message, R> implements StreamObserver<Q> {
        private static final Logger log = LoggerFactory.getLogger(Call.class);
        private final ServerCallStreamObserver<RowResult> response;
        private final Importer<R> importer;
        private final List<R> rows = new ArrayList<>();
        private ImportScope scope;
        private boolean failed;

        Call(StreamObserver<RowResult> response, Importer<R> importer) {
            this.response = (ServerCallStreamObserver<RowResult>) response;
            this.importer = importer;
        }

        /**
         * Takes one message, whose oneof holds {@code context} or {@code row} (both request messages are shaped
         * so); an IllegalArgumentException fails the call with INVALID_ARGUMENT.
         */
        @SuppressWarnings("unchecked")
        private void accept(Q request) {
            var type = request.getDescriptorForType();
            var context = type.findFieldByName("context");
            var row = type.findFieldByName("row");
            if (request.hasField(context)) {
                context((ImportContext) request.getField(context));
            } else if (request.hasField(row)) {
                row((R) request.getField(row));
            } else {
                throw new IllegalArgumentException("A message holds neither a context nor a row.");
            }
        }

        private void context(ImportContext context) {
            if (scope != null) {
                throw new IllegalArgumentException("The context comes once, as the first message.");
            }
            scope = scope(context);
        }

        private void row(R row) {
            if (scope == null) {
                throw new IllegalArgumentException("The first message must be the import context.");
            }
            rows.add(row);
        }

        private void send(ImportedRow row) {
            var result = RowResult.newBuilder()
                    .setRowNumber(row.rowNumber())
                    .setOutcome(RowResult.Outcome.valueOf(row.outcome().name()))
                    .setField(row.field())
                    .setReason(row.reason());
            if (row.entityId() != null) {
                result.setEntityId(row.entityId().toString());
            }
            response.onNext(result.build());
        }

        private boolean cancelled() {
            return response.isCancelled();
        }

        @Override
        public void onNext(Q request) {
            if (failed) {
                return;
            }
            try {
                accept(request);
            } catch (IllegalArgumentException e) {
                fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
            }
        }

        @Override
        public void onError(Throwable t) {
            failed = true;
            rows.clear();
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            if (scope == null) {
                fail(Status.INVALID_ARGUMENT.withDescription("The first message must be the import context."));
                return;
            }
            try {
                importer.run(scope, rows, this::send, this::cancelled);
                response.onCompleted();
            } catch (DataAccessException e) {
                log.warn("Bulk import {} stopped: the database failed", scope.importId(), e);
                fail(Status.UNAVAILABLE.withDescription("The booking database is unavailable; retry the import."));
            } catch (RuntimeException e) {
                log.error("Bulk import {} failed", scope.importId(), e);
                fail(Status.INTERNAL.withDescription("The import failed; see booking's log."));
            }
        }

        private void fail(Status status) {
            failed = true;
            rows.clear();
            response.onError(status.asRuntimeException());
        }

        private static ImportScope scope(ImportContext context) {
            var importId = uuid("import_id", context.getImportId());
            var actor = uuid("actor_user_id", context.getActorUserId());
            if (context.getClinicIdsCount() > MAX_CONTEXT_CLINICS) {
                throw new IllegalArgumentException("clinic_ids holds at most " + MAX_CONTEXT_CLINICS + " ids.");
            }
            var clinics = new HashSet<UUID>();
            context.getClinicIdsList().forEach(id -> clinics.add(uuid("clinic_ids", id)));
            return new ImportScope(importId, actor, clinics, context.getAdmin(), context.getDryRun());
        }

        private static UUID uuid(String field, String value) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " must be a UUID.", e);
            }
        }
    }
}
