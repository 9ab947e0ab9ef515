package io.polyclinic.gateway.routing;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Headers of a request as it leaves the gateway, which is the edge of the platform: {@code X-Forwarded-For} is set to
 * the one client address the gateway determined, and {@code -Proto}, {@code -Host} and {@code -Port} describe the
 * client's connection. The gateway's Tomcat has already taken the client address and protocol from the
 * {@code X-Forwarded-*} of a trusted proxy in front of it (a load balancer in {@code polyclinic.web.trusted-proxies}),
 * walking the chain from the right, and ignored them from anyone else; what the client sent beyond that (forged
 * entries to the left of its real address) is dropped, so the services, which trust the gateway, see exactly the
 * client's address. {@code Origin} is
 * removed because the gateway has already answered CORS, and a service that saw it would add a second set of CORS
 * headers. {@code Authorization} and {@code X-Request-Id} pass through unchanged.
 */
public class EdgeRequestHeadersFilter implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    static final String PORT = "X-Forwarded-Port";
    static final String PREFIX = "X-Forwarded-Prefix";

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
        var servlet = request.servletRequest();
        var headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove(HttpHeaders.ORIGIN);
        headers.remove("Forwarded");
        headers.remove(PREFIX);
        headers.set(FOR, servlet.getRemoteAddr());
        headers.set(PROTO, servlet.getScheme());
        var host = servlet.getHeader(HttpHeaders.HOST);
        headers.set(HOST, host != null ? host : servlet.getServerName() + ":" + servlet.getServerPort());
        headers.set(PORT, Integer.toString(servlet.getServerPort()));
        return headers;
    }

    /** Runs after Spring Cloud Gateway's own header filters, which strip untrusted {@code X-Forwarded-*}. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
