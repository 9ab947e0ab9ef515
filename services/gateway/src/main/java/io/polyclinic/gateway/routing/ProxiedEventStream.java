package io.polyclinic.gateway.routing;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A proxied Server-Sent Events response that ends quietly when its copy fails after the stream has started: the
 * service fell silent past the stream-idle timeout, went away, or the client left. The client's stream then simply
 * ends (its headers are sent, no problem can follow them), and the gateway logs one line instead of an error with a
 * stack trace; a failure before anything was sent is rethrown and answered as a problem as usual.
 *
 * @param response the streaming exchange's response, whose body is copied while it is written
 * @param service the service the stream comes from, for the log line
 */
record ProxiedEventStream(ServerResponse response, String service) implements ServerResponse {

    private static final Logger log = LoggerFactory.getLogger(ProxiedEventStream.class);

    @Override
    public HttpStatusCode statusCode() {
        return response.statusCode();
    }

    @Override
    public HttpHeaders headers() {
        return response.headers();
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return response.cookies();
    }

    @Override
    public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse servletResponse, Context context)
            throws ServletException, IOException {
        try {
            return response.writeTo(request, servletResponse, context);
        } catch (IOException | RuntimeException e) {
            if (!servletResponse.isCommitted()) {
                throw e;
            }
            if (clientLeft(e)) {
                log.debug("The client of an event stream from {} went away", service);
            } else {
                log.warn("The event stream from {} ended at the gateway: {}", service, e.toString());
            }
            return null;
        }
    }

    private static boolean clientLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientAbortException) {
                return true;
            }
        }
        return false;
    }
}
