package io.polyclinic.gateway.routing;

import io.polyclinic.gateway.config.GatewayProperties.RouteTimeouts;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A service behind the gateway, with the one HTTP client that its proxied requests and its API-docs fetches share.
 *
 * @param name the service's name, also its route id and the last segment of {@code /v3/api-docs/<name>}
 * @param uri its base URI, such as {@code http://localhost:8081}
 * @param timeouts how long its routes wait for it
 * @param client a client with those connect and read timeouts; redirects are passed to the caller
 */
public record Downstream(String name, URI uri, RouteTimeouts timeouts, RestClient client) {

    /** A downstream service with a client built for its timeouts. */
    public static Downstream of(String name, URI uri, RouteTimeouts timeouts) {
        var httpClient = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(timeouts.read());
        return new Downstream(
                name,
                uri,
                timeouts,
                RestClient.builder().requestFactory(factory).build());
    }
}
