package io.polyclinic.gateway.routing;

import io.polyclinic.gateway.config.GatewayProperties.RouteTimeouts;
import java.net.URI;

/**
 * A service behind the gateway.
 *
 * @param name the service's name, also its route id and the last segment of {@code /v3/api-docs/<name>}
 * @param uri its base URI, such as {@code http://localhost:8081}
 * @param timeouts how long its routes wait for it
 */
public record Downstream(String name, URI uri, RouteTimeouts timeouts) {

    /** The id of the route that serves the service's API. */
    public String apiRouteId() {
        return name;
    }
}
