package io.polyclinic.platform.web.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens Server-Sent Events streams ({@code text/event-stream}) for controllers: return the emitter from a handler
 * method and send events to it from any thread.
 *
 * <pre>{@code
 * @GetMapping(path = "/api/v1/imports/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * SseEmitter progress(@PathVariable UUID id) {
 *     var stream = eventStreams.open();
 *     imports.onProgress(id, p -> stream.send(SseEmitter.event().name("progress").data(p)));
 *     return stream;
 * }
 * }</pre>
 *
 * <p>What every stream gets:
 *
 * <ul>
 *   <li>No time limit: the stream is served asynchronously, so the platform's request timeout (which times only
 *       the handler's thread) does not end it, and Spring MVC's async timeout is switched off for it; it lasts until
 *       the service completes it, the client goes away, or the service stops.
 *   <li>A heartbeat: a comment line ({@code :}) every {@code polyclinic.web.sse.heartbeat} (default 15 s), so that
 *       proxies (the gateway's stream idle timeout, load balancers) do not close a quiet stream, and a client that went
 *       away is noticed (the failed write completes the stream).
 *   <li>A clean end on shutdown: when the service stops, every open stream is completed before the web server's
 *       graceful shutdown waits for requests, so clients see the stream end (and may reconnect to another replica),
 *       and nothing is logged as an error.
 * </ul>
 *
 * <p>Thread-safe. Sending to a completed stream throws {@link IllegalStateException}; sending to a stream whose
 * client went away throws {@link IOException} (and the stream completes).
 */
public class EventStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final Duration heartbeat;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    /** The heartbeat's thread while running; a stopped context that starts again (tests do) gets a new one. */
    private ScheduledExecutorService scheduler;

    private volatile boolean running;

    /** @param heartbeat the interval of the comment lines that keep every open stream alive; positive */
    public EventStreams(Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("The SSE heartbeat must be positive, not " + heartbeat);
        }
        this.heartbeat = heartbeat;
    }

    /**
     * A new stream without a time limit, with heartbeats, ended when the service stops.
     *
     * @throws IllegalStateException when the service is stopping
     */
    public SseEmitter open() {
        if (!running) {
            throw new IllegalStateException("The service is stopping: no new event streams");
        }
        // 0: no async timeout; the stream ends when completed, when the client leaves, or on shutdown
        var emitter = new SseEmitter(0L);
        open.add(emitter);
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(e -> open.remove(emitter));
        return emitter;
    }

    /** The number of streams open right now. */
    public int openStreams() {
        return open.size();
    }

    private void beat() {
        log.debug("Heartbeat to {} event streams", open.size());
        for (var emitter : open) {
            try {
                emitter.send(SseEmitter.event().comment(""));
            } catch (IOException | IllegalStateException gone) {
                // The client went away (or the stream just ended): stop beating for it.
                open.remove(emitter);
                log.debug("An event stream's client went away: {}", gone.toString());
                emitter.complete();
            } catch (RuntimeException e) {
                // Never let one stream stop the heartbeat of the others (a failed run would end the schedule).
                open.remove(emitter);
                log.warn("An event stream failed; it is completed", e);
                emitter.complete();
            }
        }
    }

    @Override
    public synchronized void start() {
        long millis = heartbeat.toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sse-heartbeat").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Completes every open stream; new ones are refused until the next start. */
    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        for (var emitter : open) {
            open.remove(emitter);
            emitter.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The highest phase: stopped first, before the web server's graceful shutdown (which would otherwise wait for the
     * open streams until its deadline).
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
