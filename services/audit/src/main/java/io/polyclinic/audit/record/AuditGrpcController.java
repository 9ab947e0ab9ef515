package io.polyclinic.audit.record;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.tracing.Span;
import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.contracts.audit.v1.QueryRequest;
import io.polyclinic.contracts.audit.v1.QueryResponse;
import io.polyclinic.contracts.audit.v1.RecordBatchResponse;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.contracts.audit.v1.RecordResponse;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.grpc.server.service.GrpcService;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The gRPC transport of the audit log ({@code polyclinic.audit.v1.AuditService}): translates messages to use cases
 * and failures to status codes. A client's mistake is INVALID_ARGUMENT with a description naming the field (and,
 * in a batch, the record's index); a database outage is UNAVAILABLE, so a relay retries; anything else is INTERNAL
 * without details. A chain that no longer matches its anchor is FAILED_PRECONDITION (relays retry).
 */
@GrpcService
public class AuditGrpcController extends AuditServiceGrpc.AuditServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(AuditGrpcController.class);

    /** The span each calling request's trace gets around the storing of its records. */
    static final String APPEND_SPAN = "audit append";

    private final AuditLogService auditLog;
    private final TraceContextCarrier trace;

    public AuditGrpcController(AuditLogService auditLog, TraceContextCarrier trace) {
        this.auditLog = auditLog;
        this.trace = trace;
    }

    @Override
    public void record(RecordRequest request, StreamObserver<RecordResponse> response) {
        try {
            var record = toRecord(request, "record");
            var result = append(List.of(record), Set.of(request.getRecord().getTraceparent()));
            response.onNext(RecordResponse.newBuilder()
                    .setSeq(result.seqs().getFirst())
                    .setDuplicate(result.stored() == 0)
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    @Override
    public StreamObserver<RecordRequest> recordBatch(StreamObserver<RecordBatchResponse> response) {
        return new RecordBatchStreamController(response);
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> response) {
        try {
            var page = PageQuery.of(request.getPage(), request.getSize() == 0 ? null : request.getSize());
            var query = new AuditQuery(
                    request.hasActorId() ? uuid("actorId", request.getActorId()) : null,
                    request.hasEntityType() ? request.getEntityType() : null,
                    request.hasEntityId() ? request.getEntityId() : null,
                    request.hasAction() ? request.getAction() : null,
                    request.hasFrom() ? AuditRecordMessages.instant(request.getFrom()) : null,
                    request.hasTo() ? AuditRecordMessages.instant(request.getTo()) : null);
            var result = auditLog.find(query, page);
            var builder = QueryResponse.newBuilder()
                    .setPage(result.page())
                    .setSize(result.size())
                    .setTotalItems(result.totalItems())
                    .setTotalPages(result.totalPages());
            result.items().forEach(logged -> builder.addRecords(AuditRecordMessages.toMessage(logged)));
            response.onNext(builder.build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    /**
     * One {@code RecordBatch} call: collects the checked records of the stream and appends them all when the client
     * completes it; the first invalid record (or one past the batch limit) fails the call and nothing is stored.
     */
    private final class RecordBatchStreamController implements StreamObserver<RecordRequest> {
        private final StreamObserver<RecordBatchResponse> response;
        private final List<AuditRecord> records = new ArrayList<>();
        private final Set<String> traceparents = new LinkedHashSet<>();
        private boolean failed;

        RecordBatchStreamController(StreamObserver<RecordBatchResponse> response) {
            this.response = response;
        }

        @Override
        public void onNext(RecordRequest request) {
            if (failed) {
                return;
            }
            try {
                if (records.size() >= auditLog.maxBatchRecords()) {
                    throw new InvalidRequestException(
                            "records", "A batch holds at most " + auditLog.maxBatchRecords() + " records; split it.");
                }
                records.add(toRecord(request, "records[" + records.size() + "]"));
                traceparents.add(request.getRecord().getTraceparent());
            } catch (RuntimeException e) {
                failed = true;
                records.clear();
                response.onError(status(e));
            }
        }

        @Override
        public void onError(Throwable t) {
            // The client cancelled or the connection broke: nothing of the batch is stored.
            failed = true;
            records.clear();
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            try {
                var result = append(records, traceparents);
                response.onNext(RecordBatchResponse.newBuilder()
                        .setReceived(result.received())
                        .setStored(result.stored())
                        .setDuplicates(result.duplicates())
                        .build());
                response.onCompleted();
            } catch (RuntimeException e) {
                response.onError(status(e));
            }
        }
    }

    /**
     * Appends the records in one transaction, inside one span per trace the records came from (their
     * {@code traceparent}s; records without one add none): the booking's trace shows the audit service storing its
     * record, although the relay's call carries records of many requests and so has no single parent.
     */
    private AppendResult append(List<AuditRecord> records, Set<String> traceparents) {
        var spans = new ArrayList<Span>();
        for (var traceparent : traceparents) {
            var span = trace.startChild(traceparent, APPEND_SPAN);
            if (span != null) {
                spans.add(span.tag("audit.records", Integer.toString(records.size())));
            }
        }
        try {
            var result = auditLog.append(records);
            spans.forEach(span -> span.tag("audit.stored", Integer.toString(result.stored())));
            return result;
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** A checked domain record from a request; {@code path} prefixes the field named in errors. */
    private static AuditRecord toRecord(RecordRequest request, String path) {
        if (!request.hasRecord()) {
            throw new InvalidRequestException(path, path + " is required.");
        }
        try {
            return AuditRecordMessages.fromMessage(request.getRecord());
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(path + "." + e.field(), path + ": " + e.getMessage());
        }
    }

    private static UUID uuid(String field, String value) {
        try {
            return AuditRecordMessages.uuid(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, field + " must be a UUID.");
        }
    }

    private static StatusRuntimeException status(RuntimeException e) {
        if (e instanceof InvalidRequestException invalid) {
            return Status.INVALID_ARGUMENT.withDescription(invalid.getMessage()).asRuntimeException();
        }
        if (e instanceof ChainIntegrityException) {
            log.error("Refusing audit records: {}", e.getMessage());
            return Status.FAILED_PRECONDITION
                    .withDescription("The audit log refuses new records until its chain is investigated.")
                    .asRuntimeException();
        }
        if (e instanceof DataIntegrityViolationException violation) {
            // A value the checks above let through but a column constraint refuses: still the client's record at fault.
            // Not the message: PostgreSQL quotes the failing row, and audit details may hold personal data.
            log.warn(
                    "The audit database refused a record: {}",
                    violation.getMostSpecificCause().getClass().getSimpleName());
            return Status.INVALID_ARGUMENT
                    .withDescription("A record holds a value the audit log cannot store.")
                    .asRuntimeException();
        }
        if (e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException
                || e instanceof CannotCreateTransactionException) {
            log.warn("The audit database is unavailable: {}", e.getMessage());
            return Status.UNAVAILABLE
                    .withDescription("The audit log is unavailable; try again.")
                    .asRuntimeException();
        }
        log.error("An audit gRPC call failed", e);
        return Status.INTERNAL.withDescription("Internal error.").asRuntimeException();
    }
}
