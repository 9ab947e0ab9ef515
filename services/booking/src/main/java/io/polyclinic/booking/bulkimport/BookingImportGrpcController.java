package io.polyclinic.booking.bulkimport;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.ImportDoctorsRequest;
import io.polyclinic.contracts.booking.v1.ImportSlotsRequest;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.contracts.booking.v1.SlotRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
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

    private static final Logger log = LoggerFactory.getLogger(BookingImportGrpcController.class);
    private static final int MAX_CONTEXT_CLINICS = 1000;

    private final BulkImportService imports;

    public BookingImportGrpcController(BulkImportService imports) {
        this.imports = imports;
    }

    @Override
    public StreamObserver<ImportDoctorsRequest> importDoctors(StreamObserver<RowResult> response) {
        return new Call<ImportDoctorsRequest, DoctorRow>(response) {
            @Override
            void accept(ImportDoctorsRequest request) {
                if (request.hasContext()) {
                    context(request.getContext());
                } else if (request.hasRow()) {
                    row(request.getRow());
                } else {
                    throw new IllegalArgumentException("A message holds neither a context nor a row.");
                }
            }

            @Override
            void run(ImportScope scope, List<DoctorRow> rows) {
                imports.importDoctors(scope, rows, this::send, this::cancelled);
            }
        };
    }

    @Override
    public StreamObserver<ImportSlotsRequest> importSlots(StreamObserver<RowResult> response) {
        return new Call<ImportSlotsRequest, SlotRow>(response) {
            @Override
            void accept(ImportSlotsRequest request) {
                if (request.hasContext()) {
                    context(request.getContext());
                } else if (request.hasRow()) {
                    row(request.getRow());
                } else {
                    throw new IllegalArgumentException("A message holds neither a context nor a row.");
                }
            }

            @Override
            void run(ImportScope scope, List<SlotRow> rows) {
                imports.importSlots(scope, rows, this::send, this::cancelled);
            }
        };
    }

    /** One import call: the context, then rows collected until the client half-closes. */
    private abstract static class Call<Q, R> implements StreamObserver<Q> {
        private final ServerCallStreamObserver<RowResult> response;
        private final List<R> rows = new ArrayList<>();
        private ImportScope scope;
        private boolean failed;

        Call(StreamObserver<RowResult> response) {
            this.response = (ServerCallStreamObserver<RowResult>) response;
        }

        /** Takes one message; an IllegalArgumentException fails the call with INVALID_ARGUMENT. */
        abstract void accept(Q request);

        abstract void run(ImportScope scope, List<R> rows);

        void context(ImportContext context) {
            if (scope != null) {
                throw new IllegalArgumentException("The context comes once, as the first message.");
            }
            scope = scope(context);
        }

        void row(R row) {
            if (scope == null) {
                throw new IllegalArgumentException("The first message must be the import context.");
            }
            rows.add(row);
        }

        void send(ImportedRow row) {
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

        boolean cancelled() {
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
                run(scope, rows);
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
