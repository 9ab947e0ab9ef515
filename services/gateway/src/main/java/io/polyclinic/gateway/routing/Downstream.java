package io.polyclinic.gateway.routing;

import io.micrometer.observation.ObservationRegistry;
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
 * @param client a client with those connect and read timeouts, speaking HTTP/1.1 over a pool of keep-alive
 *     connections; redirects are passed to the caller; observed, so each call is a client span of the request's trace
 *     and sends its W3C {@code traceparent} downstream
 */
public record Downstream(String name, URI uri, RouteTimeouts timeouts, RestClient client) {

    /**
     * A downstream service with a client built for its timeouts.
     *
     * @param observationRegistry the application's registry: it times the calls and, with tracing, propagates the
     *     trace ({@link ObservationRegistry#NOOP} for neither)
     */
    public static Downstream of(String name, URI uri, RouteTimeouts timeouts, ObservationRegistry observationRegistry) {
        // HTTP/1.1 on pooled keep-alive connections. The JDK client's default, HTTP/2, would offer every new
        // cleartext connection an h2c upgrade that the services' Tomcat does not take (decision 0031).
        var httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(timeouts.read());
        return new Downstream(
                name,
                uri,
                timeouts,
                RestClient.builder()
                        .requestFactory(factory)
                        .observationRegistry(observationRegistry)
                        .build());
    }
}
