package io.polyclinic.web.api;

import java.util.Map;

/**
 * The API answered with an error: its status and what its problem details say, ready to show a person (the API's
 * {@code detail} is written to be safe to show; field messages come from its {@code errors} list).
 *
 * @see ApiClient
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String detail;
    private final Map<String, String> fieldErrors;

    /**
     * @param status the HTTP status, or 503 when the gateway could not be reached
     * @param type the problem's type slug (the last segment of its {@code type} URI), or empty
     * @param detail the problem's detail, or null
     * @param fieldErrors message by field name, from the problem's {@code errors}
     */
    public ApiException(int status, String type, String detail, Map<String, String> fieldErrors) {
        super("API answered " + status + " " + type);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** The problem type's last path segment, such as {@code slot-taken}; empty when the answer had none. */
    public String type() {
        return type;
    }

    /** The API's detail, safe to show; may be null. */
    public String detail() {
        return detail;
    }

    /** Messages by field name (may be empty). */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
