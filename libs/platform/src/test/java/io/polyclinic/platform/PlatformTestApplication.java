package io.polyclinic.platform;

import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.RuleViolationException;
import io.polyclinic.platform.problem.TooManyRequestsException;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.tracing.TraceContextCarrier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal service on the platform starter, with one endpoint per error path the platform must answer. Its tests
 * have no Kafka unless they say so, hence revocation is off by default ({@code platform-test-app.properties}).
 */
@SpringBootApplication
@PropertySource("classpath:platform-test-app.properties")
class PlatformTestApplication {

    record Greeting(
            @NotBlank @Size(max = 40) String name,
            @Email String email,
            @Positive int count) {}

    @Bean
    AuthorizationRules publicTestRoutes() {
        return registry ->
                registry.requestMatchers(HttpMethod.GET, "/public/**").permitAll();
    }

    @RestController
    static class TestController {

        private final TraceContextCarrier traceContext;
        private final io.polyclinic.platform.web.sse.EventStreams eventStreams;

        TestController(TraceContextCarrier traceContext, io.polyclinic.platform.web.sse.EventStreams eventStreams) {
            this.traceContext = traceContext;
            this.eventStreams = eventStreams;
        }

        /** The current span as the outbox would store it, and the trace id; empty strings when there is none. */
        @GetMapping("/public/trace-context")
        Map<String, String> traceContext() {
            return Map.of(
                    "traceparent", String.valueOf(traceContext.currentTraceparent()),
                    "traceId", String.valueOf(traceContext.currentTraceId()));
        }

        /** An error the servlet container turns into an {@code /error} dispatch, as filters outside MVC do. */
        @GetMapping("/public/container-error")
        void containerError(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.sendError(409);
        }

        /** The client as the platform sees it: address (rate limits, sessions, audit) and protocol. */
        @GetMapping("/public/client")
        Map<String, Object> client(jakarta.servlet.http.HttpServletRequest request) {
            return Map.of(
                    "remoteAddr", request.getRemoteAddr(),
                    "auditIp", String.valueOf(io.polyclinic.platform.audit.OutboxAuditTrail.currentClientIp()),
                    "scheme", request.getScheme(),
                    "secure", request.isSecure());
        }

        /**
         * A Server-Sent Events stream of {@code count} {@code tick} events, {@code intervalMs} apart, then its end;
         * {@code count=0} streams until the service stops.
         */
        @GetMapping(path = "/public/stream", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
        org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(
                @org.springframework.web.bind.annotation.RequestParam int count,
                @org.springframework.web.bind.annotation.RequestParam long intervalMs) {
            var stream = eventStreams.open();
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 1; count == 0 || i <= count; i++) {
                        Thread.sleep(intervalMs);
                        stream.send(org.springframework.web.servlet.mvc.method.annotation.SseEmitter.event()
                                .name("tick")
                                .data(Integer.toString(i)));
                    }
                    stream.complete();
                } catch (InterruptedException | java.io.IOException | IllegalStateException ended) {
                    // The client went away or the service stopped: the stream is over.
                }
            });
            return stream;
        }

        @GetMapping("/public/hello")
        Map<String, String> hello() {
            return Map.of("hello", "world");
        }

        @PostMapping("/greetings")
        Map<String, Object> greet(@Valid @RequestBody Greeting greeting, AuthenticatedUser user) {
            return Map.of("name", greeting.name(), "by", user.id().toString(), "roles", user.roles());
        }

        @GetMapping("/things/{id}")
        Map<String, UUID> thing(@PathVariable UUID id) {
            return Map.of("id", id);
        }

        @GetMapping("/admin-only")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, String> adminOnly() {
            return Map.of("ok", "yes");
        }

        @GetMapping("/conflict")
        void conflict() {
            throw new ConflictException("slot-already-booked", "Slot already booked", "Slot 42 is taken.");
        }

        @GetMapping("/rule")
        void rule() {
            throw new RuleViolationException("too-short-notice", "Too short notice", "Book at least 1 hour ahead.");
        }

        @GetMapping("/limited")
        void limited() {
            throw new TooManyRequestsException("Too many attempts.", Duration.ofSeconds(42));
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException("secret internal detail at org.example.Secret");
        }

        @GetMapping("/unstorable")
        void unstorable() {
            // what the PostgreSQL driver throws for a NUL character in a parameter, wrapped as Spring would
            throw new IllegalStateException(
                    "could not store",
                    new java.sql.SQLException("Zero bytes may not occur in string parameters.", "22023"));
        }

        @GetMapping("/slow")
        Map<String, String> slow() throws InterruptedException {
            Thread.sleep(60_000);
            return Map.of("late", "yes");
        }
    }
}
