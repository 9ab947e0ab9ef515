package io.polyclinic.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured line per request on logger {@code polyclinic.access}: {@code method}, {@code path},
 * {@code status}, {@code durationMs} and {@code userId} (the token subject, or {@code -}) as key-value pairs that the
 * ECS JSON log format turns into fields; {@code requestId} comes from the logging context (MDC) like on every other
 * line, and must not be added twice (the JSON formatter rejects duplicate keys). Health and metrics probes are not
 * logged.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    /** Request attribute where the security chain leaves the authenticated user's id for this log line. */
    public static final String USER_ID_ATTRIBUTE = AccessLogFilter.class.getName() + ".userId";

    private static final Logger log = LoggerFactory.getLogger("polyclinic.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean failed = false;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            var user = request.getAttribute(USER_ID_ATTRIBUTE);
            var userId = user == null ? "-" : user.toString();
            // An exception that escapes every filter becomes a 500 in the container; the response does not show it yet.
            int status = failed ? 500 : response.getStatus();
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            if (!request.getRequestURI().startsWith("/actuator")) {
                log.atInfo()
                        .addKeyValue("method", request.getMethod())
                        .addKeyValue("path", request.getRequestURI())
                        .addKeyValue("status", status)
                        .addKeyValue("durationMs", durationMs)
                        .addKeyValue("userId", userId)
                        .log(
                                "{} {} {} {}ms user={}",
                                request.getMethod(),
                                request.getRequestURI(),
                                status,
                                durationMs,
                                userId);
            }
        }
    }
}
