package io.polyclinic.gateway.routing;

import io.polyclinic.platform.web.RequestIdFilter;
import java.util.Locale;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Drops the service response headers that the gateway sets itself, so that a client never sees them twice:
 * {@code Access-Control-*} (the gateway answers CORS for the whole platform from
 * {@code polyclinic.http.cors-allowed-origins}, and a browser refuses two {@code Access-Control-Allow-Origin}
 * values), {@code X-Request-Id} (the same id, already on the gateway's response) and
 * {@code Strict-Transport-Security} (the gateway sends its own when the client's request was HTTPS).
 */
public class DownstreamResponseHeadersFilter implements HttpHeadersFilter.ResponseHttpHeadersFilter {

    private static final String STRICT_TRANSPORT_SECURITY = "strict-transport-security";

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerResponse response) {
        var headers = new HttpHeaders();
        input.forEach((name, values) -> {
            var lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("access-control-")
                    && !lower.equalsIgnoreCase(RequestIdFilter.HEADER)
                    && !lower.equals(STRICT_TRANSPORT_SECURITY)) {
                headers.put(name, values);
            }
        });
        return headers;
    }
}
