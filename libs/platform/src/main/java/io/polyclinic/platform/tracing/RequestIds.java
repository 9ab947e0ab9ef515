package io.polyclinic.platform.tracing;

/**
 * Where a request's id travels: the {@code X-Request-Id} header, the logging context and a request attribute. The
 * web layer's {@code RequestIdFilter} sets them; problems, log lines and audit records read them.
 */
public final class RequestIds {

    /** The header read and written. */
    public static final String HEADER = "X-Request-Id";
    /** The key in the SLF4J MDC. */
    public static final String MDC_KEY = "requestId";
    /** The request attribute holding the id. */
    public static final String ATTRIBUTE = "io.polyclinic.platform.tracing.RequestIds.id";

    private RequestIds() {}
}
