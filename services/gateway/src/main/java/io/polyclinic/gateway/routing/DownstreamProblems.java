package io.polyclinic.gateway.routing;

import io.polyclinic.platform.problem.Problems;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The problems the gateway answers when it cannot get a response from a service (S0 errors): 503
 * {@code service-unavailable} when the service cannot be reached, 504 {@code gateway-timeout} when it does not
 * answer within the route's read timeout, and 429 {@code rate-limited} when a client is over its limit. Details
 * never name the internal host or the exception.
 */
public final class DownstreamProblems {

    private DownstreamProblems() {}

    /** Whether a failed call to a service ran out of time waiting for the response (504), not for the connection. */
    static boolean isResponseTimeout(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            // the connect timeout (or no pooled connection free in time) wraps a SocketTimeoutException of its own
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectTimeoutException) {
                return false;
            }
            if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is an I/O failure talking to the service (connection refused, reset, timed out). */
    static boolean isIoFailure(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** 503: the named service is down or unreachable. */
    static ServerResponse serviceUnavailable(ServerRequest request, String service) {
        return problem(
                request,
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable",
                        "Service unavailable",
                        "The " + service + " service is not available right now. Try again later."));
    }

    /** 504: the named service did not answer in time. */
    static ServerResponse gatewayTimeout(ServerRequest request, String service) {
        return problem(
                request,
                Problems.of(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "gateway-timeout",
                        "Gateway timeout",
                        "The " + service + " service did not answer in time. Try again later."));
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ServerResponse rateLimited(ServerRequest request, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        var problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                "You have sent too many requests. Try again in " + seconds + " seconds.");
        Problems.enrich(problem, request.servletRequest());
        return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ServerResponse problem(ServerRequest request, ProblemDetail problem) {
        Problems.enrich(problem, request.servletRequest());
        return ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
