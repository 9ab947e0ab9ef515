package io.polyclinic.platform.web;

import io.polyclinic.platform.tracing.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the {@code X-Request-Id} header or makes one (a random UUID), returns it on the response, and puts it in
 * the logging context ({@code requestId}) and in a request attribute so that log lines, problems and downstream
 * calls carry it. A header that is too long or has characters outside {@code [A-Za-z0-9._:-]} is replaced, so that
 * client input never reaches logs unescaped.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    /** The header read and written ({@link RequestIds#HEADER}). */
    public static final String HEADER = RequestIds.HEADER;
    /** The key in the SLF4J MDC ({@link RequestIds#MDC_KEY}). */
    public static final String MDC_KEY = RequestIds.MDC_KEY;
    /** The request attribute holding the id ({@link RequestIds#ATTRIBUTE}). */
    public static final String ATTRIBUTE = RequestIds.ATTRIBUTE;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader(HEADER);
        var id = given != null && VALID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(new RequestIdRequestWrapper(request, id), response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The id of the request being served on this thread, or {@code null} outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** Makes the (possibly generated) id visible as a header, so proxies such as the gateway forward it. */
    private static final class RequestIdRequestWrapper extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String id;

        RequestIdRequestWrapper(HttpServletRequest request, String id) {
            super(request);
            this.id = id;
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(id))
                    : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            var names = new java.util.LinkedHashSet<String>(java.util.Collections.list(super.getHeaderNames()));
            names.add(HEADER);
            return java.util.Collections.enumeration(names);
        }
    }
}
