package io.polyclinic.gateway.ratelimit;

import io.polyclinic.gateway.routing.DownstreamProblems;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Applies the {@link ClientRateLimiter} to a route: the client is the verified token's user id, or the remote
 * address for anonymous requests. Over the limit, the request is not forwarded and the client gets a 429 problem
 * with {@code Retry-After}; allowed responses carry {@code X-RateLimit-Remaining}.
 */
public class RateLimitFilterFunction implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final ClientRateLimiter limiter;

    public RateLimitFilterFunction(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        var decision = limiter.tryAcquire(clientKey(request));
        if (!decision.allowed()) {
            return DownstreamProblems.rateLimited(request, decision.retryAfter());
        }
        // Set on the servlet response: proxied responses are streamed and their ServerResponse headers are read-only.
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(REMAINING_HEADER, Long.toString(decision.remaining()));
        }
        return next.handle(request);
    }

    static String clientKey(ServerRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return "user:" + token.getName();
        }
        return "address:" + request.servletRequest().getRemoteAddr();
    }
}
