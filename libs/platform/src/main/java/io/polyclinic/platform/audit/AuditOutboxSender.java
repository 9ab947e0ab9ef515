package io.polyclinic.platform.audit;

import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.contracts.audit.AuditRecordJson;
import io.polyclinic.contracts.audit.v1.AuditRecord;
import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.contracts.audit.v1.RecordBatchResponse;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.outbox.OutboxMessage;
import io.polyclinic.platform.outbox.OutboxSender;
import io.polyclinic.platform.outbox.RejectedMessagesException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers the outbox's {@code audit} messages to the audit service: reads each message's payload, the gRPC
 * {@code AuditRecord} in its JSON form ({@link AuditRecordJson}, written by the {@code AuditTrail}), and streams the
 * records as one {@code RecordBatch} call per at most {@code maxBatchRecords} messages, with a deadline. The audit
 * service stores a batch all or nothing and ignores record ids it already has, so the relay's retries never duplicate
 * an entry. Each record carries the {@code traceparent} its outbox row kept, so that the audit service's storing of
 * it shows in the trace of the request that caused it, although one call carries records of many requests.
 *
 * <p>Failures: an unreachable, slow or failing audit service throws, so the relay keeps the rows and retries. A
 * message that cannot become a valid record (unreadable payload, or one the audit service refuses with
 * INVALID_ARGUMENT) would block every later record forever if retried: it is logged at ERROR with its id, counted in
 * {@code polyclinic.audit.outbox.rejected} and reported in a {@link RejectedMessagesException}, so the relay marks its
 * row dead (kept, alertable) while the valid records of its batch are still delivered. A
 * batch refused with RESOURCE_EXHAUSTED (longer than the server's per-stream cap) is sent record by record too.
 * Refused credentials (UNAUTHENTICATED, PERMISSION_DENIED) throw like an outage: nothing is skipped for them.
 *
 * <p>Reconnecting: after the audit service was down, a gRPC channel waits out its own reconnect backoff (growing to
 * two minutes) and until then fails every call at once with the old "connection refused", even when the service is
 * back. The relay has its own backoff, so on each send a channel in that state is told to reconnect now and given
 * a moment to get ready: records arrive on the relay's first retry after the service is back.
 */
public class AuditOutboxSender implements OutboxSender {

    /** The outbox destination of audit records. */
    public static final String DESTINATION = "audit";

    private static final Logger log = LoggerFactory.getLogger(AuditOutboxSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How long a send waits for a failed channel's fresh connection before trying its call anyway. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final AuditServiceGrpc.AuditServiceStub stub;
    /** The channel whose reconnect backoff a send resets, or null when only a stub is known. */
    private final ManagedChannel channel;

    private final Duration deadline;
    private final int maxBatchRecords;
    private final Counter sent;
    private final Counter rejected;

    /**
     * @param stub an asynchronous stub on the channel to the audit service
     * @param deadline the deadline of each call
     * @param maxBatchRecords the most records per {@code RecordBatch} call
     * @param meters where the sent and rejected counters go
     */
    public AuditOutboxSender(
            AuditServiceGrpc.AuditServiceStub stub, Duration deadline, int maxBatchRecords, MeterRegistry meters) {
        this(stub, null, deadline, maxBatchRecords, meters);
    }

    /**
     * A sender on its own channel, which it reconnects at once when a send finds it failed (see the class comment).
     *
     * @param channel the channel to the audit service
     * @param deadline the deadline of each call
     * @param maxBatchRecords the most records per {@code RecordBatch} call
     * @param meters where the sent and rejected counters go
     */
    public AuditOutboxSender(ManagedChannel channel, Duration deadline, int maxBatchRecords, MeterRegistry meters) {
        this(AuditServiceGrpc.newStub(channel), channel, deadline, maxBatchRecords, meters);
    }

    /**
     * A sender on its own channel whose calls carry credentials, such as the service token of
     * {@link io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor} (the audit service refuses calls
     * without one). When no token can be had, the call fails and the relay keeps the rows for its next try.
     *
     * @param channel the channel to the audit service
     * @param credentials the interceptor that authenticates each call
     * @param deadline the deadline of each call
     * @param maxBatchRecords the most records per {@code RecordBatch} call
     * @param meters where the sent and rejected counters go
     */
    public AuditOutboxSender(
            ManagedChannel channel,
            ClientInterceptor credentials,
            Duration deadline,
            int maxBatchRecords,
            MeterRegistry meters) {
        this(
                AuditServiceGrpc.newStub(channel).withInterceptors(credentials),
                channel,
                deadline,
                maxBatchRecords,
                meters);
    }

    private AuditOutboxSender(
            AuditServiceGrpc.AuditServiceStub stub,
            ManagedChannel channel,
            Duration deadline,
            int maxBatchRecords,
            MeterRegistry meters) {
        this.stub = stub;
        this.channel = channel;
        this.deadline = deadline;
        this.maxBatchRecords = maxBatchRecords;
        this.sent = Counter.builder("polyclinic.audit.outbox.sent")
                .description("Audit records delivered to the audit service (including re-sent duplicates)")
                .register(meters);
        this.rejected = Counter.builder("polyclinic.audit.outbox.rejected")
                .description("Audit outbox messages skipped because they cannot become a valid audit record")
                .register(meters);
    }

    @Override
    public boolean supports(String destination) {
        return DESTINATION.equals(destination);
    }

    /**
     * Sends the messages in order and returns once the audit service stored every valid one.
     *
     * @throws StatusRuntimeException when the audit service is unreachable, too slow or fails
     * @throws RejectedMessagesException when some messages can never become a stored record (each with its reason;
     *     the others were delivered, or failed as its {@code transientFailure} says)
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    @Override
    public void send(List<OutboxMessage> messages) throws Exception {
        var rejected = new LinkedHashMap<UUID, String>();
        try {
            sendValid(messages, rejected);
        } catch (StatusRuntimeException e) {
            if (!rejected.isEmpty()) {
                throw new RejectedMessagesException(rejected, e);
            }
            throw e;
        }
        if (!rejected.isEmpty()) {
            throw new RejectedMessagesException(rejected, null);
        }
    }

    private void sendValid(List<OutboxMessage> messages, Map<UUID, String> rejected) throws InterruptedException {
        var requests = new ArrayList<RecordRequest>(messages.size());
        var messageIds = new ArrayList<UUID>(messages.size());
        for (var message : messages) {
            try {
                requests.add(
                        RecordRequest.newBuilder().setRecord(toRecord(message)).build());
                messageIds.add(message.id());
            } catch (IllegalArgumentException | JacksonException e) {
                reject(rejected, message.id(), "its payload is not an audit record: " + e.getMessage());
            }
        }
        if (!requests.isEmpty()) {
            reconnectIfFailed();
        }
        for (int from = 0; from < requests.size(); from += maxBatchRecords) {
            int to = Math.min(requests.size(), from + maxBatchRecords);
            var chunk = requests.subList(from, to);
            try {
                recordBatch(chunk);
                sent.increment(chunk.size());
            } catch (StatusRuntimeException e) {
                var code = e.getStatus().getCode();
                // RESOURCE_EXHAUSTED: the batch is longer than the server's per-stream cap; one by one still works.
                if (code != Status.Code.INVALID_ARGUMENT && code != Status.Code.RESOURCE_EXHAUSTED) {
                    throw e;
                }
                recordOneByOne(chunk, messageIds.subList(from, to), rejected);
            }
        }
    }

    /**
     * A channel in TRANSIENT_FAILURE (the audit service was unreachable) reconnects now instead of after its own
     * backoff; waits until it is ready, at most {@link #RECONNECT_WAIT}.
     */
    private void reconnectIfFailed() throws InterruptedException {
        if (channel == null || channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return;
        }
        var changed = new CountDownLatch(1);
        channel.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, changed::countDown);
        channel.resetConnectBackoff();
        changed.await(Math.min(deadline.toMillis(), RECONNECT_WAIT.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** After a batch was refused: every record on its own, so that only the invalid ones are skipped. */
    private void recordOneByOne(List<RecordRequest> requests, List<UUID> messageIds, Map<UUID, String> rejected) {
        var blocking = AuditServiceGrpc.newBlockingStub(stub.getChannel());
        for (int i = 0; i < requests.size(); i++) {
            var request = requests.get(i);
            try {
                blocking.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .record(request);
                sent.increment();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                    throw e;
                }
                reject(
                        rejected,
                        messageIds.get(i),
                        "the audit service refused it: " + e.getStatus().getDescription());
            }
        }
    }

    private void recordBatch(List<RecordRequest> requests) throws InterruptedException {
        var result = new CompletableFuture<RecordBatchResponse>();
        var stream = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .recordBatch(new StreamObserver<>() {
                    @Override
                    public void onNext(RecordBatchResponse response) {
                        result.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        if (!result.isDone()) {
                            result.completeExceptionally(Status.INTERNAL
                                    .withDescription("RecordBatch completed without a response")
                                    .asRuntimeException());
                        }
                    }
                });
        requests.forEach(stream::onNext);
        stream.onCompleted();
        try {
            var response = result.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
            log.debug(
                    "Audit batch delivered: {} received, {} stored, {} already stored",
                    response.getReceived(),
                    response.getStored(),
                    response.getDuplicates());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw Status.fromThrowable(e.getCause()).asRuntimeException();
        } catch (TimeoutException e) {
            throw Status.DEADLINE_EXCEEDED
                    .withDescription("RecordBatch did not answer in " + deadline)
                    .asRuntimeException();
        }
    }

    private void reject(Map<UUID, String> rejected, UUID id, String reason) {
        this.rejected.increment();
        log.error("Audit outbox message {} is refused for good and marked dead: {}", id, reason);
        rejected.put(id, reason);
    }

    /**
     * The gRPC record of a message: its payload is the record's JSON form ({@link AuditRecordJson}). A payload
     * written before that form (decision 0035) has {@code details} as a JSON object and explicit nulls; its details
     * become {@code detailsJson}. A record without an id takes the message id, one without a {@code traceparent} the
     * message's.
     *
     * @throws IllegalArgumentException when the payload is not an audit record
     */
    static AuditRecord toRecord(OutboxMessage message) {
        var payload = JSON.readTree(message.payload());
        if (!(payload instanceof ObjectNode object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        var details = object.remove("details");
        if (details != null && details.isObject() && !object.has("detailsJson")) {
            object.put("detailsJson", JSON.writeValueAsString(details));
        }
        var record = AuditRecordJson.fromJson(JSON.writeValueAsString(object));
        if (record.getId().isEmpty()) {
            record = record.toBuilder().setId(message.id().toString()).build();
        }
        // the writing request's trace, kept by the outbox: the audit service's span for the record joins it
        if (!record.hasTraceparent() && message.traceparent() != null) {
            record = record.toBuilder().setTraceparent(message.traceparent()).build();
        }
        return record;
    }
}
