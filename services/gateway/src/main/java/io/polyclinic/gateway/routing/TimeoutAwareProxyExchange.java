package io.polyclinic.gateway.routing;

import io.polyclinic.platform.problem.Problems;
import io.polyclinic.platform.web.RequestBodyLimitFilter;
import io.polyclinic.platform.web.RequestTimeoutFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Sends each proxied request with the HTTP client of its service, so that every route has its own connect and
 * read timeouts, and turns a failed call into a problem: 503 when the service cannot be reached, 504 when it is
 * too slow. Requests for Server-Sent Events use the service's streaming client instead ({@link Downstream}). Replaces Spring Cloud Gateway's single shared client ({@code HandlerFunctions.http()} uses whatever
 * {@link ProxyExchange} bean exists).
 */
public class TimeoutAwareProxyExchange implements ProxyExchange {

    private static final Logger log = LoggerFactory.getLogger(TimeoutAwareProxyExchange.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    private record Route(Downstream downstream, ProxyExchange exchange, ProxyExchange streamingExchange) {}

    /**
     * @param downstreams the services; each one's API and API-docs routes use its timeouts
     * @param properties Spring Cloud Gateway's settings (streaming media types, buffer size)
     */
    public TimeoutAwareProxyExchange(List<Downstream> downstreams, GatewayMvcProperties properties) {
        for (var downstream : downstreams) {
            var route = new Route(
                    downstream,
                    new RestClientProxyExchange(downstream.client(), properties),
                    new RestClientProxyExchange(downstream.streamingClient(), properties));
            routes.put(downstream.name(), route);
        }
    }

    @Override
    public ServerResponse exchange(Request request) {
        var serverRequest = request.getServerRequest();
        String routeId = MvcUtils.getAttribute(serverRequest, MvcUtils.GATEWAY_ROUTE_ID_ATTR);
        var route = routeId == null ? null : routes.get(routeId);
        if (route == null) {
            throw new IllegalStateException("No downstream service for route " + routeId);
        }
        var service = route.downstream().name();
        try {
            if (acceptsEventStream(serverRequest)) {
                return new ProxiedEventStream(route.streamingExchange().exchange(request), service);
            }
            return route.exchange().exchange(request);
        } catch (RuntimeException e) {
            var clientSide = clientSideFailure(serverRequest.servletRequest(), e);
            if (clientSide != null) {
                return clientSide;
            }
            return downstreamFailure(request, serverRequest, route, e);
        }
    }

    /**
     * Whether the client asks for Server-Sent Events: such a request goes through the service's streaming client,
     * whose idle timeout lets a stream with heartbeats run for as long as it lasts (Spring Cloud Gateway copies
     * {@code text/event-stream} responses without buffering, flushing each read).
     */
    static boolean acceptsEventStream(ServerRequest request) {
        return request.headers().accept().stream()
                .anyMatch(type ->
                        type.getType().equals("text") && type.getSubtype().equals("event-stream"));
    }

    /**
     * A failure while reading the client's body, not the service's fault: the body grew past the platform's limit
     * (413), the request ran past its deadline (rethrown: the platform answers 503 {@code request-timeout}), or the
     * client went away (nobody to answer). {@code null} when the failure is the service's.
     */
    private static ServerResponse clientSideFailure(HttpServletRequest servletRequest, RuntimeException e) {
        var tooLarge = RequestBodyLimitFilter.exceededProblem(servletRequest);
        if (tooLarge != null) {
            return ServerResponse.status(tooLarge.getStatus())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.enrich(tooLarge, servletRequest));
        }
        if (RequestTimeoutFilter.hasTimedOut(servletRequest)) {
            throw e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || cause instanceof ClientAbortException) {
                log.debug("The client went away during {}", servletRequest.getRequestURI());
                throw e;
            }
        }
        return null;
    }

    private ServerResponse downstreamFailure(
            Request request, ServerRequest serverRequest, Route route, RuntimeException exception) {
        var service = route.downstream().name();
        if (exception instanceof ResourceAccessException e) {
            if (DownstreamProblems.isResponseTimeout(e)) {
                log.warn(
                        "{} did not answer {} {} within {}",
                        service,
                        request.getMethod(),
                        request.getUri().getPath(),
                        route.downstream().timeouts().read());
                return DownstreamProblems.gatewayTimeout(serverRequest, service);
            }
            log.warn(
                    "{} is unreachable for {} {}: {}",
                    service,
                    request.getMethod(),
                    request.getUri().getPath(),
                    e.getMostSpecificCause().toString());
            return DownstreamProblems.serviceUnavailable(serverRequest, service);
        }
        if (DownstreamProblems.isIoFailure(exception)) {
            log.warn(
                    "{} failed for {} {}: {}",
                    service,
                    request.getMethod(),
                    request.getUri().getPath(),
                    exception.toString());
            return DownstreamProblems.serviceUnavailable(serverRequest, service);
        }
        throw exception;
    }
}
