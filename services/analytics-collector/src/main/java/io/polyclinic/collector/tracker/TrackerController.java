package io.polyclinic.collector.tracker;

import io.polyclinic.collector.ratelimit.RateLimitService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /tracker.js}: the tracker script, gzip-compressed when the client accepts it, cacheable for an hour
 * (public) with an ETag, so a returning browser asks with {@code If-None-Match} and gets a 304.
 */
@RestController
@Tag(name = "Tracker", description = "The tracker script sites embed")
public class TrackerController {

    private static final MediaType JAVASCRIPT =
            new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);

    private final TrackerScript script = TrackerScript.load();
    private final RateLimitService rateLimit;

    public TrackerController(RateLimitService rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Operation(summary = "The tracker script")
    @GetMapping("/tracker.js")
    public ResponseEntity<byte[]> tracker(HttpServletRequest request) {
        rateLimit.take(request.getRemoteAddr());
        var cache = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
        if (script.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(script.etag())
                    .cacheControl(cache)
                    .build();
        }
        var accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        boolean gzip = accept != null && accept.contains("gzip");
        var response = ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .eTag(script.etag())
                .cacheControl(cache)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (gzip) {
            return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(script.gzipped());
        }
        return response.body(script.plain());
    }
}
