package io.polyclinic.platform.problem;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.polyclinic.platform.tracing.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Builds the RFC 9457 problem bodies every Polyclinic service answers with.
 *
 * <p>Shape: {@code type} ({@code urn:polyclinic:problem:<slug>}), {@code title}, {@code status}, {@code detail},
 * {@code instance} (the request path), {@code traceId} (the trace id when tracing is on, else the request id),
 * {@code requestId}, and for validation {@code errors: [{"field", "message"}]}.
 */
public final class Problems {

    /** Prefix of every problem {@code type}; the slug follows, e.g. {@code urn:polyclinic:problem:slot-already-booked}. */
    public static final String TYPE_PREFIX = "urn:polyclinic:problem:";

    private Problems() {}

    /** One validation error of a request field; {@code field} is the JSON path or parameter name. */
    public record FieldError(String field, String message) {}

    /**
     * A problem for the given status.
     *
     * @param slug kebab-case problem type, for example {@code validation-failed}
     * @param detail user-safe explanation; never include exception messages from libraries
     */
    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        return problem;
    }

    /** Adds {@code instance}, {@code traceId} and {@code requestId} from the current request and logging context. */
    public static ProblemDetail enrich(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(TYPE_PREFIX + slugForStatus(problem.getStatus())));
        }
        if (request != null && problem.getInstance() == null) {
            problem.setInstance(URI.create(safePath(request.getRequestURI())));
        }
        var requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId == null && request != null) {
            requestId = (String) request.getAttribute(RequestIds.ATTRIBUTE);
        }
        var traceId = traceId(request);
        putIfAbsent(problem, "traceId", traceId != null ? traceId : requestId);
        putIfAbsent(problem, "requestId", requestId);
        return problem;
    }

    /** Adds {@code errors: [{field, message}]}. */
    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Adds domain-specific members. */
    public static ProblemDetail withProperties(ProblemDetail problem, Map<String, Object> properties) {
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The problem-type slug used for a bare HTTP status, such as {@code not-found} for 404. */
    public static String slugForStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "rule-violated";
            case 429 -> "rate-limited";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }

    private static void putIfAbsent(ProblemDetail problem, String key, Object value) {
        if (value != null
                && (problem.getProperties() == null || !problem.getProperties().containsKey(key))) {
            problem.setProperty(key, value);
        }
    }

    /**
     * The trace id of the request: from the logging context while its span is current, else from the request's
     * server observation, which outlives the span's scope (the container's {@code /error} dispatch runs after it
     * closed). {@code null} when tracing is off.
     */
    private static String traceId(HttpServletRequest request) {
        var traceId = MDC.get("traceId");
        if (traceId != null && !traceId.isEmpty()) {
            return traceId;
        }
        if (request == null) {
            return null;
        }
        return ServerHttpObservationFilter.findObservationContext(request)
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .filter(id -> !id.isEmpty() && !id.chars().allMatch(c -> c == '0'))
                .orElse(null);
    }

    /** The path as a URI reference; a path that does not parse (odd bytes) is not echoed back. */
    private static String safePath(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
