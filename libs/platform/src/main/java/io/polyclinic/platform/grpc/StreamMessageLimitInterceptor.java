package io.polyclinic.platform.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Bounds the messages one client stream may send: the message after the {@code limit}-th ends the call with
 * RESOURCE_EXHAUSTED and is never delivered; the service's handler sees the call cancelled (its request observer's
 * {@code onError}), so it drops what it collected, and every later event of the call is swallowed. gRPC delivers a
 * call's events one at a time, so the count needs no lock.
 */
public final class StreamMessageLimitInterceptor implements ServerInterceptor {

    private final int limit;

    /** @param limit the most messages per call, at least 1 */
    public StreamMessageLimitInterceptor(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The message limit must be at least 1");
        }
        this.limit = limit;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private int received;
            private boolean exceeded;

            @Override
            public void onMessage(ReqT message) {
                if (exceeded) {
                    return;
                }
                if (++received > limit) {
                    exceeded = true;
                    call.close(
                            Status.RESOURCE_EXHAUSTED.withDescription(
                                    "A call may send at most " + limit + " messages; split it into several calls."),
                            new Metadata());
                    super.onCancel();
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!exceeded) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                if (!exceeded) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                if (!exceeded) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                if (!exceeded) {
                    super.onReady();
                }
            }
        };
    }
}
