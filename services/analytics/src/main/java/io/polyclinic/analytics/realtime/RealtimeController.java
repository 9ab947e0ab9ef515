package io.polyclinic.analytics.realtime;

import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live view of a site, for its clinic's managers and admins: a one-off JSON answer, and a Server-Sent Events
 * stream a dashboard subscribes to. A site outside the caller's clinics answers 404, as if it did not exist.
 */
@RestController
public class RealtimeController {

    private final RealtimeService realtime;
    private final RealtimeStreams streams;

    public RealtimeController(RealtimeService realtime, RealtimeStreams streams) {
        this.realtime = realtime;
        this.streams = streams;
    }

    /** {@code GET /api/v1/analytics/realtime?siteId=}: 200 and a {@link RealtimeSnapshot}; 404 unknown site. */
    @GetMapping("/api/v1/analytics/realtime")
    public RealtimeSnapshot snapshot(AuthenticatedUser user, @RequestParam UUID siteId) {
        return realtime.snapshot(user, siteId);
    }

    /**
     * {@code GET /api/v1/analytics/realtime/stream?siteId=}: {@code text/event-stream}; an event {@code realtime}
     * with a {@link RealtimeSnapshot} at once and whenever the figures change (checked every {@code push-interval}),
     * comment lines as heartbeats. 404 unknown site; 503 when this instance has {@code max-streams} open.
     */
    @GetMapping(path = "/api/v1/analytics/realtime/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(AuthenticatedUser user, @RequestParam UUID siteId) {
        realtime.requireVisible(user, siteId);
        return streams.open(siteId);
    }
}
