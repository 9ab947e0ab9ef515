package io.polyclinic.collector.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.polyclinic.collector.ratelimit.RateLimitService;
import io.polyclinic.platform.problem.Problems;
import io.polyclinic.platform.problem.TooManyRequestsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two intake endpoints. Both take any content type (browsers send {@code text/plain} to avoid a CORS preflight),
 * read the body as JSON, and answer 202 only once the event is in Kafka. Problems: 400 malformed body or field, 413
 * body over the size cap, 422 unknown site / URL of another site / timestamp out of range, 429 rate limited, 503 Kafka
 * down or sites not loaded yet (with {@code Retry-After}).
 */
@RestController
@Tag(name = "Events", description = "Web-analytics event intake")
public class EventController {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final EventIntakeService intake;
    private final RateLimitService rateLimit;
    private final CollectorMetrics metrics;
    private final JsonMapper json;

    public EventController(
            EventIntakeService intake, RateLimitService rateLimit, CollectorMetrics metrics, JsonMapper json) {
        this.intake = intake;
        this.rateLimit = rateLimit;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Our event: {@code {"siteId","eventType":"pageview|click|custom|outbound","name","url","referrer","timestamp",
     * "sessionId","screenWidth","props","revenue"}}. Answers 202 {@code {"status":"accepted","eventId":...}}, or 202
     * {@code {"status":"ignored","reason":"bot"}} for a bot's event, which is not recorded.
     */
    @Operation(summary = "Record an event (tracker.js format)")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted (in Kafka) or ignored on purpose",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TrackAnswer.class)))
    @PostMapping(path = "/track", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> track(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        var outcome = accept(EventIntakeService.Format.TRACK, body, request);
        var answer = outcome.eventId() != null
                ? new TrackAnswer("accepted", outcome.eventId(), null)
                : new TrackAnswer("ignored", null, outcome.ignored());
        // Written whole with its length: a streamed JSON body would be sent chunked, one more write per event.
        var bytes = json.writeValueAsBytes(answer);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(bytes.length)
                .body(bytes);
    }

    /**
     * The answer to {@code POST /track}.
     *
     * @param status {@code accepted} (the event is in Kafka) or {@code ignored} (a bot's event, not recorded)
     * @param eventId the accepted event's id, absent when ignored
     * @param reason why the event was ignored, absent when accepted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrackAnswer(String status, String eventId, String reason) {}

    /**
     * The Plausible Events API: {@code {"name","url","domain","referrer","props","revenue"}} (or the short names of
     * Plausible's browser trackers); answers 202 {@code ok} like Plausible, also for a bot's event (not recorded).
     */
    @Operation(summary = "Record an event (Plausible Events API)")
    @PostMapping(path = "/api/event", consumes = MediaType.ALL_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> plausible(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        accept(EventIntakeService.Format.PLAUSIBLE, body, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body("ok");
    }

    /** 503 with {@code Retry-After}: nothing was recorded, the client may send the event again. */
    @ExceptionHandler(EventsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(EventsUnavailableException e, HttpServletRequest request) {
        var problem = Problems.enrich(Problems.of(e.status(), e.problemType(), e.title(), e.getMessage()), request);
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private EventIntakeService.Outcome accept(
            EventIntakeService.Format format, byte[] body, HttpServletRequest request) {
        try {
            rateLimit.take(request.getRemoteAddr());
        } catch (TooManyRequestsException e) {
            metrics.rejected(e.problemType());
            throw e;
        }
        var client = new EventIntakeService.Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        return intake.accept(format, body, client);
    }
}
