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
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code polyclinic.http.max-body-size} with a 413 problem: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past the limit. Multipart uploads have
 * their own, larger limit ({@code polyclinic.http.max-multipart-size}), so that a proxy such as the gateway, which
 * streams them without parsing, is bounded too.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final String EXCEEDED = RequestBodyLimitFilter.class.getName() + ".exceeded";

    private final long maxBytes;
    private final long maxMultipartBytes;
    private final ProblemResponseWriter writer;

    /**
     * @param maxBytes the largest body of any request but multipart uploads
     * @param maxMultipartBytes the largest multipart (file upload) body
     */
    public RequestBodyLimitFilter(long maxBytes, long maxMultipartBytes, ProblemResponseWriter writer) {
        this.maxBytes = maxBytes;
        this.maxMultipartBytes = maxMultipartBytes;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var contentType = request.getContentType();
        var multipart =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        long limit = multipart ? maxMultipartBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            writer.write(request, response, tooLargeProblem(limit));
            return;
        }
        var limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (RuntimeException | IOException | ServletException e) {
            if (!limited.exceeded) {
                throw e;
            }
        }
        if (limited.exceeded) {
            writer.write(request, response, tooLargeProblem(limit));
        }
    }

    /**
     * The 413 problem when this request's body crossed the limit while a handler was reading it, else {@code null};
     * lets the error handler answer 413 rather than "malformed body".
     */
    public static org.springframework.http.ProblemDetail exceededProblem(jakarta.servlet.ServletRequest request) {
        return (org.springframework.http.ProblemDetail) request.getAttribute(EXCEEDED);
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
