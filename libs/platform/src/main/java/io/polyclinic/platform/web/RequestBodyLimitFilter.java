package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.ProblemResponseWriter;
import io.polyclinic.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code polyclinic.http.max-body-size} with a 413 problem: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past the limit. Multipart requests
 * are left to the servlet container's multipart limits.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final String EXCEEDED = RequestBodyLimitFilter.class.getName() + ".exceeded";

    private final long maxBytes;
    private final ProblemResponseWriter writer;

    public RequestBodyLimitFilter(long maxBytes, ProblemResponseWriter writer) {
        this.maxBytes = maxBytes;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            writer.write(request, response, tooLarge());
            return;
        }
        var limited = new LimitedRequest(request, maxBytes);
        request.setAttribute(EXCEEDED, null);
        try {
            chain.doFilter(limited, response);
        } catch (RuntimeException | IOException | ServletException e) {
            if (!limited.exceeded) {
                throw e;
            }
        }
        if (limited.exceeded) {
            writer.write(request, response, tooLarge());
        }
    }

    /**
     * The 413 problem when this request's body crossed the limit while a handler was reading it, else {@code null};
     * lets the error handler answer 413 rather than "malformed body".
     */
    public static org.springframework.http.ProblemDetail exceededProblem(jakarta.servlet.ServletRequest request) {
        return (org.springframework.http.ProblemDetail) request.getAttribute(EXCEEDED);
    }

    private org.springframework.http.ProblemDetail tooLarge() {
        return tooLargeProblem(maxBytes);
    }

    private static org.springframework.http.ProblemDetail tooLargeProblem(long maxBytes) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
                "The request body is larger than the limit of " + maxBytes + " bytes.");
    }

    /** Counts bytes as they are read and fails the read that crosses the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                var delegate = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = delegate.read();
                        if (b >= 0) {
                            add(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = delegate.read(buffer, offset, length);
                        if (n > 0) {
                            add(n);
                        }
                        return n;
                    }

                    private void add(int n) throws IOException {
                        count += n;
                        if (count > maxBytes) {
                            exceeded = true;
                            setAttribute(EXCEEDED, tooLargeProblem(maxBytes));
                            throw new IOException("Request body exceeds " + maxBytes + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return delegate.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        delegate.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
