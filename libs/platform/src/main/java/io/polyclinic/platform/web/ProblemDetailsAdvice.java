package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.Problems;
import io.polyclinic.platform.problem.Problems.FieldError;
import io.polyclinic.platform.problem.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that turns exceptions into RFC 9457 problems for every service (S0 "Errors").
 *
 * <p>Framework errors (malformed JSON 400, validation 400 with {@code errors}, 404 unknown route, 405, 413, 415)
 * come from {@link ResponseEntityExceptionHandler}; {@link DomainException}s carry their own status; security
 * exceptions thrown inside controllers become 401/403; anything else is logged with its stack trace and answered
 * as a bare 500 (or 503 when the request ran past its timeout and was interrupted). No detail ever includes an
 * exception message from a library.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Answers a {@link DomainException} with its own status, type, title and properties. */
    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ProblemDetail> handleDomain(DomainException ex, HttpServletRequest request) {
        var problem = Problems.of(ex.status(), ex.problemType(), ex.title(), ex.getMessage());
        Problems.withProperties(problem, ex.properties());
        var headers = new HttpHeaders();
        if (ex instanceof TooManyRequestsException limited) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        if (ex instanceof InvalidRequestException invalid) {
            Problems.withErrors(problem, List.of(new FieldError(invalid.field(), ex.getMessage())));
        }
        return respond(problem, headers, request);
    }

    /** Bean Validation on {@code @Validated} service methods or path variables. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> handleConstraintViolation(
            ConstraintViolationException ex, HttpServletRequest request) {
        var errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(validationProblem(errors), new HttpHeaders(), request);
    }

    /**
     * A body sent as {@code multipart/*} that does not parse (no boundary, garbage): the client's mistake. Too large
     * an upload ({@code MaxUploadSizeExceededException}, more specific) stays a 413.
     */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> handleMultipart(MultipartException ex, HttpServletRequest request) {
        if (ex instanceof MaxUploadSizeExceededException) {
            var problem = Problems.of(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "Upload too large",
                    "The upload is larger than the limit.");
            return respond(problem, new HttpHeaders(), request);
        }
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                "The multipart request body cannot be read.");
        return respond(problem, new HttpHeaders(), request);
    }

    /** {@code @PreAuthorize} and friends deny inside the MVC layer. */
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        var problem = Problems.of(
                HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You are not allowed to perform this action.");
        return respond(problem, new HttpHeaders(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
        var problem = Problems.of(
                HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A valid access token is required.");
        return respond(problem, new HttpHeaders(), request);
    }

    /** The last resort: the server lives, the client learns nothing internal, the log gets the stack trace. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (RequestTimeoutFilter.hasTimedOut(request)) {
            log.warn("Request cancelled after its timeout: {} {}", request.getMethod(), request.getRequestURI());
            return respond(RequestTimeoutFilter.timeoutProblem(), new HttpHeaders(), request);
        }
        if (isRefusedParameters(ex)) {
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "Bad Request",
                    "The request has too many or malformed parameters.");
            return respond(problem, new HttpHeaders(), request);
        }
        if (isUnstorableText(ex)) {
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-characters",
                    "Invalid characters",
                    "The request contains characters that cannot be stored, such as the NUL character.");
            return respond(problem, new HttpHeaders(), request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        var problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal server error",
                "An unexpected error occurred. Quote the request id when you report it.");
        return respond(problem, new HttpHeaders(), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new ArrayList<FieldError>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(e -> errors.add(new FieldError(e.getField(), message(e.getDefaultMessage()))));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), message(e.getDefaultMessage()))));
        errors.sort(Comparator.comparing(FieldError::field));
        return handleExceptionInternal(ex, validationProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new ArrayList<FieldError>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            var name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                var field = error instanceof org.springframework.validation.FieldError fe ? fe.getField() : name;
                errors.add(new FieldError(field, message(error.getDefaultMessage())));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return handleExceptionInternal(ex, validationProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var servletRequest =
                request instanceof NativeWebRequest nwr ? nwr.getNativeRequest(HttpServletRequest.class) : null;
        var tooLarge = servletRequest == null ? null : RequestBodyLimitFilter.exceededProblem(servletRequest);
        if (tooLarge != null) {
            return handleExceptionInternal(ex, tooLarge, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", "");
        var cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            var field = path(unknown);
            problem.setDetail("Unknown field '" + field + "'.");
            Problems.withErrors(problem, List.of(new FieldError(field, "unknown field")));
        } else if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            var field = path((JacksonException) cause);
            problem.setDetail(
                    field.isEmpty()
                            ? "The request body does not have the expected shape."
                            : "Field '" + field + "' has a value of the wrong type or format.");
            if (!field.isEmpty()) {
                Problems.withErrors(problem, List.of(new FieldError(field, "wrong type or format")));
            }
        } else if (cause instanceof JacksonException) {
            problem.setDetail("The request body is not valid JSON.");
        } else {
            problem.setDetail("The request body is missing or cannot be read.");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        var expected = ex.getRequiredType() == null ? "value" : describe(ex.getRequiredType());
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid parameter",
                "Parameter '" + name + "' must be a " + expected + ".");
        Problems.withErrors(problem, List.of(new FieldError(String.valueOf(name), "must be a " + expected)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        var servletRequest =
                request instanceof NativeWebRequest nwr ? nwr.getNativeRequest(HttpServletRequest.class) : null;
        if (body == null) {
            body = Problems.of(statusCode, Problems.slugForStatus(statusCode.value()), reason(statusCode), "");
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getDetail() == null || problem.getDetail().isEmpty()) {
                problem.setDetail(reason(statusCode) + ".");
            }
            Problems.enrich(problem, servletRequest);
            // The framework may hand us read-only headers.
            headers = HttpHeaders.copyOf(headers);
            headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new ResponseEntity<>(body, headers, statusCode);
    }

    private ResponseEntity<ProblemDetail> respond(
            ProblemDetail problem, HttpHeaders headers, HttpServletRequest request) {
        Problems.enrich(problem, request);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, headers, HttpStatusCode.valueOf(problem.getStatus()));
    }

    /**
     * PostgreSQL cannot store the NUL character or bytes invalid in its encoding; the JDBC driver and the server
     * refuse such client text with SQLState 22023 (invalid parameter value, pgjdbc's "zero bytes"), 22021
     * (character not in repertoire) or 22P05 (untranslatable character). That is the client's input, not a fault.
     */
    /**
     * Tomcat refused the query or form parameters when a handler first read them: more than
     * {@code server.tomcat.max-parameter-count} (1000), or undecodable. The client's mistake, not the server's.
     */
    private static boolean isRefusedParameters(Throwable ex) {
        for (var cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.tomcat.util.http.InvalidParameterException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnstorableText(Throwable ex) {
        for (var cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && java.util.Set.of("22023", "22021", "22P05").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail validationProblem(List<FieldError> errors) {
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "validation-failed",
                "Validation failed",
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        return Problems.withErrors(problem, errors);
    }

    private static String path(JacksonException ex) {
        var sb = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String lastNode(String propertyPath) {
        var dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String message(@Nullable String message) {
        return message == null ? "is invalid" : message;
    }

    private static String describe(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (type.isEnum()) {
            var values = new ArrayList<String>();
            for (var constant : type.getEnumConstants()) {
                values.add(constant.toString());
            }
            return "one of " + String.join(", ", values);
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == java.time.LocalDate.class) {
            return "date (yyyy-MM-dd)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "ISO-8601 instant with offset";
        }
        return "valid " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String reason(HttpStatusCode status) {
        var resolved = HttpStatus.resolve(status.value());
        return resolved == null ? "Error" : resolved.getReasonPhrase();
    }
}
