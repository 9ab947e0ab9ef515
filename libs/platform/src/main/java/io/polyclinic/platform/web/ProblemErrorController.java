package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel {@code /error} so that errors raised outside Spring MVC (the servlet container,
 * filters that call {@code sendError}) are problems too. It reads only the status: the container's message is
 * never echoed, and no stack trace is ever included.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** Answers every method on the error path with a problem for the status the container recorded. */
    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        var problem = Problems.of(
                status,
                Problems.slugForStatus(status.value()),
                status.getReasonPhrase(),
                status.is5xxServerError()
                        ? "An unexpected error occurred. Quote the request id when you report it."
                        : status.getReasonPhrase() + ".");
        var uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(java.net.URI.create(path));
            } catch (IllegalArgumentException ignored) {
                // An unparsable path is not echoed.
            }
        }
        Problems.enrich(problem, request);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, headers, status);
    }
}
