package io.polyclinic.gateway.config;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.micrometer.observation.ObservationRegistry;
import io.polyclinic.gateway.ratelimit.ClientRateLimiter;
import io.polyclinic.gateway.ratelimit.RateLimitFilterFunction;
import io.polyclinic.gateway.routing.ApiDocsHandler;
import io.polyclinic.gateway.routing.Downstream;
import io.polyclinic.gateway.routing.DownstreamResponseHeadersFilter;
import io.polyclinic.gateway.routing.EdgeRequestHeadersFilter;
import io.polyclinic.gateway.routing.GatewayProperties;
import io.polyclinic.gateway.routing.TimeoutAwareProxyExchange;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's routes, in Java rather than {@code spring.cloud.gateway.server.webmvc.routes} properties: the
 * predicates (with one negation) and the per-service client are checked by the compiler, and the services' base
 * URIs and timeouts stay typed in {@link GatewayProperties}.
 *
 * <ul>
 *   <li>identity: {@code /api/v1/auth/**}, {@code /api/v1/users/**}, {@code /api/v1/admin/users/**},
 *       {@code /.well-known/jwks.json}
 *   <li>booking: {@code /api/v1/doctors/**}, {@code /api/v1/specialties/**}, {@code /api/v1/clinics/**},
 *       {@code /api/v1/appointments/**}, every other {@code /api/v1/admin/**}
 *   <li>audit: {@code /api/v1/audit/**} (the admins' REST view of the audit log; its gRPC port is internal only)
 *   <li>orders: {@code /api/v1/orders}, {@code /api/v1/orders/**} (WB L0 orders, administrators only)
 *   <li>ingest: {@code /api/v1/datasets}, {@code /api/v1/naming}, {@code /api/v1/imports}, {@code /api/v1/uploads}
 *       and what is below them (spreadsheet imports; its gRPC port is internal only)
 *   <li>{@code /v3/api-docs/<service>}: the service's {@code /v3/api-docs} with the gateway as server, for the
 *       aggregated Swagger UI
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutesConfiguration {

    static final String IDENTITY = "identity";
    static final String BOOKING = "booking";
    static final String AUDIT = "audit";
    static final String ORDERS = "orders";
    static final String INGEST = "ingest";

    /** The services, each with its own client; the clients are observed so the request's trace continues there. */
    @Bean
    List<Downstream> downstreams(GatewayProperties properties, ObjectProvider<ObservationRegistry> observations) {
        var registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        var connections = properties.maxConnectionsPerService();
        return List.of(
                Downstream.of(IDENTITY, properties.identityUri(), properties.identityTimeouts(), connections, registry),
                Downstream.of(BOOKING, properties.bookingUri(), properties.bookingTimeouts(), connections, registry),
                Downstream.of(AUDIT, properties.auditUri(), properties.auditTimeouts(), connections, registry),
                Downstream.of(ORDERS, properties.ordersUri(), properties.ordersTimeouts(), connections, registry),
                Downstream.of(INGEST, properties.ingestUri(), properties.ingestTimeouts(), connections, registry));
    }

    /** Spring Cloud Gateway's {@code http()} handler sends every route's request through this exchange. */
    @Bean
    ProxyExchange timeoutAwareProxyExchange(List<Downstream> downstreams, GatewayMvcProperties gatewayMvcProperties) {
        return new TimeoutAwareProxyExchange(downstreams, gatewayMvcProperties);
    }

    @Bean
    EdgeRequestHeadersFilter edgeRequestHeadersFilter() {
        return new EdgeRequestHeadersFilter();
    }

    @Bean
    DownstreamResponseHeadersFilter downstreamResponseHeadersFilter() {
        return new DownstreamResponseHeadersFilter();
    }

    @Bean
    HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter(GatewayProperties properties) {
        var limit = properties.rateLimit();
        if (!limit.enabled()) {
            return (request, next) -> next.handle(request);
        }
        return new RateLimitFilterFunction(new ClientRateLimiter(limit.capacity(), limit.period(), limit.maxClients()));
    }

    @Bean
    RouterFunction<ServerResponse> identityRoutes(
            GatewayProperties properties, HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter) {
        RequestPredicate paths = path("/api/v1/auth/**")
                .or(path("/api/v1/users/**"))
                .or(path("/api/v1/admin/users/**"))
                .or(path("/.well-known/jwks.json"));
        return route(IDENTITY)
                .route(paths, http())
                .before(uri(properties.identityUri()))
                .filter(rateLimitFilter)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> bookingRoutes(
            GatewayProperties properties, HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter) {
        RequestPredicate paths = path("/api/v1/doctors/**")
                .or(path("/api/v1/specialties/**"))
                .or(path("/api/v1/clinics/**"))
                .or(path("/api/v1/appointments/**"))
                .or(path("/api/v1/admin/**").and(path("/api/v1/admin/users/**").negate()));
        return route(BOOKING)
                .route(paths, http())
                .before(uri(properties.bookingUri()))
                .filter(rateLimitFilter)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> auditRoutes(
            GatewayProperties properties, HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter) {
        return route(AUDIT)
                .route(path("/api/v1/audit/**"), http())
                .before(uri(properties.auditUri()))
                .filter(rateLimitFilter)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> ordersRoutes(
            GatewayProperties properties, HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter) {
        return route(ORDERS)
                .route(path("/api/v1/orders").or(path("/api/v1/orders/**")), http())
                .before(uri(properties.ordersUri()))
                .filter(rateLimitFilter)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> ingestRoutes(
            GatewayProperties properties, HandlerFilterFunction<ServerResponse, ServerResponse> rateLimitFilter) {
        RequestPredicate paths = path("/api/v1/datasets")
                .or(path("/api/v1/datasets/**"))
                .or(path("/api/v1/naming"))
                .or(path("/api/v1/naming/**"))
                .or(path("/api/v1/imports"))
                .or(path("/api/v1/imports/**"))
                .or(path("/api/v1/uploads"))
                .or(path("/api/v1/uploads/**"));
        return route(INGEST)
                .route(paths, http())
                .before(uri(properties.ingestUri()))
                .filter(rateLimitFilter)
                .build();
    }

    /**
     * {@code GET /v3/api-docs/<service>}: the service's own OpenAPI document with the gateway as its server, for the
     * aggregated Swagger UI ({@code springdoc.swagger-ui.urls} in gateway.properties); served, like the Swagger UI
     * itself, only with {@code polyclinic.web.api-docs-enabled=true}.
     */
    @Bean
    @ConditionalOnProperty(name = "polyclinic.web.api-docs-enabled", havingValue = "true")
    RouterFunction<ServerResponse> apiDocsRoutes(List<Downstream> downstreams, JsonMapper jsonMapper) {
        var routes = RouterFunctions.route();
        for (var downstream : downstreams) {
            routes.GET("/v3/api-docs/" + downstream.name(), new ApiDocsHandler(downstream, jsonMapper));
        }
        return routes.build();
    }
}
