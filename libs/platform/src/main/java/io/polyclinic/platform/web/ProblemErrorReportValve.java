package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for the requests the server itself refuses before any filter or servlet runs: a malformed
 * or oversized request line or header block, an encoded slash in the path, an invalid URI. Tomcat's own valve would
 * answer them with an HTML page naming the server; this one answers {@code application/problem+json} like every
 * other error of the platform: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}
 * ({@code /}: the rejected path is not echoed), and a fresh {@code requestId}, also as {@code traceId} and in the
 * {@code X-Request-Id} header (the request never reached the filter that assigns one).
 *
 * <p>Installed as the host's error report valve by the platform ({@code PlatformWebAutoConfiguration}); it needs a
 * public no-argument constructor because Tomcat creates it by class name. Errors that Spring handles (the
 * {@code /error} dispatch) have already written their body and are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        var resolved = HttpStatus.resolve(status);
        var title = resolved != null ? resolved.getReasonPhrase() : "Error";
        var requestId = UUID.randomUUID().toString();
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", Problems.TYPE_PREFIX + Problems.slugForStatus(status));
        problem.put("title", title);
        problem.put("status", status);
        problem.put(
                "detail",
                status >= 500
                        ? "An unexpected error occurred. Quote the request id when you report it."
                        : "The server could not accept this request: its line, path or headers are malformed or"
                                + " too large.");
        problem.put("instance", "/");
        problem.put("traceId", requestId);
        problem.put("requestId", requestId);
        try {
            var body = JSON.writeValueAsBytes(problem);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIdFilter.HEADER, requestId);
            response.setContentLength(body.length);
            var out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot take a body any more: nothing left to tell it.
            container.getLogger().debug("Could not write the problem for a rejected request", e);
        }
    }
}
