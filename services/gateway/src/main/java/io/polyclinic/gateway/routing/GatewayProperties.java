package io.polyclinic.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway sends requests and how long it waits ({@code polyclinic.gateway.*}).
 *
 * @param identityUri base URI of the identity service (default {@code http://localhost:8081})
 * @param bookingUri base URI of the booking service (default {@code http://localhost:8082})
 * @param identityTimeouts timeouts of the identity routes ({@code polyclinic.gateway.identity-timeouts.*})
 * @param bookingTimeouts timeouts of the booking routes ({@code polyclinic.gateway.booking-timeouts.*})
 * @param rateLimit per-client rate limit ({@code polyclinic.gateway.rate-limit.*})
 * @param auditUri base URI of the audit service's HTTP API (default {@code http://localhost:8083})
 * @param auditTimeouts timeouts of the audit routes ({@code polyclinic.gateway.audit-timeouts.*})
 * @param ordersUri base URI of the orders service (default {@code http://localhost:8086})
 * @param ordersTimeouts timeouts of the orders routes ({@code polyclinic.gateway.orders-timeouts.*})
 * @param ingestUri base URI of the ingest service (default {@code http://localhost:8085})
 * @param ingestTimeouts timeouts of the ingest routes ({@code polyclinic.gateway.ingest-timeouts.*})
 * @param maxConnectionsPerService connections the gateway keeps open to one service at most, which is also the most
 *     requests in flight to it; a request that finds none free waits up to the route's connect timeout, then is a
 *     503 (default 200)
 */
@Validated
@ConfigurationProperties("polyclinic.gateway")
public record GatewayProperties(
        @NotNull @DefaultValue("http://localhost:8081") URI identityUri,
        @NotNull @DefaultValue("http://localhost:8082") URI bookingUri,
        @Valid @NotNull @DefaultValue RouteTimeouts identityTimeouts,
        @Valid @NotNull @DefaultValue RouteTimeouts bookingTimeouts,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @NotNull @DefaultValue("http://localhost:8083") URI auditUri,
        @Valid @NotNull @DefaultValue RouteTimeouts auditTimeouts,
        @NotNull @DefaultValue("http://localhost:8086") URI ordersUri,
        @Valid @NotNull @DefaultValue RouteTimeouts ordersTimeouts,
        @NotNull @DefaultValue("http://localhost:8085") URI ingestUri,
        @Valid @NotNull @DefaultValue RouteTimeouts ingestTimeouts,
        @Min(1) @DefaultValue("200") int maxConnectionsPerService) {

    /**
     * How long a route waits for its service. Keep {@code read} below {@code polyclinic.http.request-timeout}
     * (30 s) so that a slow service is answered 504 by the route, not 503 by the request deadline.
     *
     * @param connect time to open a TCP connection before the service counts as down: 503 (default 2 s)
     * @param read time from sending the request to the whole response before it counts as too slow: 504
     *     (default 10 s); not applied to event streams
     * @param streamIdle for a request that accepts {@code text/event-stream}: the longest silence (no byte, not even
     *     a heartbeat) before the gateway gives up on the service, from the request on; a stream itself has no time
     *     limit. Keep it above {@code polyclinic.web.sse.heartbeat} (15 s) (default 1 minute)
     */
    public record RouteTimeouts(
            @NotNull @DefaultValue("2s") Duration connect,
            @NotNull @DefaultValue("10s") Duration read,
            @NotNull @DefaultValue("1m") Duration streamIdle) {}

    /**
     * A token bucket per client, kept in memory (one gateway replica); a client is the token's user id, or the
     * remote address without a token. A client over its limit gets a 429 problem with {@code Retry-After}.
     *
     * @param enabled whether requests are limited at all (default {@code true})
     * @param capacity requests a client may make in one {@code period}, also the burst size (default 300)
     * @param period the refill period (default 1 minute)
     * @param maxClients buckets kept before idle ones are dropped (default 100000)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("300") long capacity,
            @NotNull @DefaultValue("1m") Duration period,
            @Min(1) @DefaultValue("100000") int maxClients) {}
}
