package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.ProblemResponseWriter;
import io.polyclinic.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cancels a request that runs past {@code polyclinic.http.request-timeout}: at the deadline the thread serving it
 * is interrupted (blocking JDBC, HTTP and sleeps give up), and the client gets a 503 problem
 * {@code request-timeout} unless a response was already sent.
 *
 * <p>Long-lived streams are exempt. A service serves Server-Sent Events asynchronously ({@code EventStreams}), so the
 * handler's thread returns at once and this filter's deadline never fires for them. A proxy (the gateway) copies
 * a stream on the request's own thread: once the response has become {@code text/event-stream} the deadline
 * passes it by, since a stream is expected to outlive any request deadline; until then (waiting for the upstream's
 * headers) the deadline applies as to every request.
 */
public class RequestTimeoutFilter extends OncePerRequestFilter implements DisposableBean {

    private static final String TIMED_OUT = RequestTimeoutFilter.class.getName() + ".timedOut";

    private final Duration timeout;
    private final ProblemResponseWriter writer;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("request-timeout").daemon().factory());

    public RequestTimeoutFilter(Duration timeout, ProblemResponseWriter writer) {
        this.timeout = timeout;
        this.writer = writer;
        // A finished request's deadline leaves the queue at once. Kept until due, the cancelled deadlines of the last
        // `timeout` would pile up (about 150,000 at 5,000 requests/s), each holding its request and thread, and the
        // timer thread would wake for every one of them as it falls due.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Whether this request was cancelled by its deadline; used by the error handler to answer 503, not 500. */
    public static boolean hasTimedOut(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(TIMED_OUT));
    }

    /** The problem a cancelled request is answered with. */
    public static ProblemDetail timeoutProblem() {
        return Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "request-timeout",
                "Request timed out",
                "The request took too long and was cancelled. Try again later.");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var thread = Thread.currentThread();
        // The deadline and the end of the work race; one lock decides which came first, so a finished request is
        // never reported as cancelled and no interrupt lands after the work ended.
        var state = new Object() {
            boolean done;
        };
        var deadline = scheduler.schedule(
                () -> {
                    synchronized (state) {
                        if (!state.done && !isEventStream(response)) {
                            request.setAttribute(TIMED_OUT, Boolean.TRUE);
                            thread.interrupt();
                        }
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!hasTimedOut(request)) {
                throw e;
            }
        } finally {
            synchronized (state) {
                state.done = true;
            }
            deadline.cancel(false);
            Thread.interrupted();
        }
        if (hasTimedOut(request) && !response.isCommitted()) {
            writer.write(request, response, timeoutProblem());
        }
    }

    /** Deadlines waiting in the timer's queue: those of the requests in progress. */
    int pendingDeadlines() {
        return scheduler.getQueue().size();
    }

    /** Whether the response is a Server-Sent Events stream (its headers say so), which no deadline ends. */
    static boolean isEventStream(HttpServletResponse response) {
        var type = response.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
