package io.polyclinic.platform.servicetoken;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a gRPC client's calls to another Polyclinic service: adds {@code authorization: Bearer <service
 * token>} to every call. Put it on the channels or stubs that reach the platform's own services only (never a global
 * interceptor, which would hand the token to any server the service calls).
 *
 * <p>When no token can be had, the call fails at once with UNAVAILABLE without reaching the network, so a caller that
 * retries (the outbox relay) simply tries again later. When the server answers UNAUTHENTICATED, the token is
 * forgotten and the next call fetches a new one.
 */
public final class ServiceTokenClientInterceptor implements ClientInterceptor {

    /** The gRPC metadata key of the bearer token (lower case, as HTTP/2 requires). */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenClientInterceptor.class);

    private final ServiceTokenSource tokens;

    /** @param tokens where the service token comes from */
    public ServiceTokenClientInterceptor(ServiceTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
            MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
        String token;
        try {
            token = tokens.token();
        } catch (ServiceTokenUnavailableException e) {
            log.warn("No service token for {}: {}", method.getFullMethodName(), e.getMessage());
            return new FailedCall<>(Status.UNAVAILABLE
                    .withDescription("No service token: " + e.getMessage())
                    .withCause(e));
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(AUTHORIZATION, "Bearer " + token);
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                                    tokens.invalidate(token);
                                }
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }

    /** A call that never reaches the network: it closes with its status as soon as it is started. */
    private static final class FailedCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
        private final Status status;

        FailedCall(Status status) {
            this.status = status;
        }

        @Override
        public void start(Listener<RespT> listener, Metadata headers) {
            listener.onClose(status, new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(ReqT message) {}
    }
}
