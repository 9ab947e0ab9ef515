package io.polyclinic.gateway.routing;

import io.micrometer.observation.ObservationRegistry;
import io.polyclinic.gateway.config.GatewayProperties.RouteTimeouts;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A service behind the gateway, with the one HTTP client that its proxied requests and its API-docs fetches share.
 *
 * @param name the service's name, also its route id and the last segment of {@code /v3/api-docs/<name>}
 * @param uri its base URI, such as {@code http://localhost:8081}
 * @param timeouts how long its routes wait for it
 * @param client a client with those connect and read timeouts; redirects are passed to the caller; observed, so each
 *     call is a client span of the request's trace and sends its W3C {@code traceparent} downstream
 * @param streamingClient the client of requests that accept {@code text/event-stream}: the same connect timeout, and
 *     instead of a limit on the whole response (which would cut a stream) a limit on the silence between two reads
 *     ({@code streamIdle}); observed likewise
 */
public record Downstream(String name, URI uri, RouteTimeouts timeouts, RestClient client, RestClient streamingClient) {

    /**
     * A downstream service with a client built for its timeouts.
     *
     * @param observationRegistry the application's registry: it times the calls and, with tracing, propagates the
     *     trace ({@link ObservationRegistry#NOOP} for neither)
     */
    public static Downstream of(String name, URI uri, RouteTimeouts timeouts, ObservationRegistry observationRegistry) {
        var httpClient = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(timeouts.read());
        // A socket read timeout: it bounds each wait for the next bytes, not the stream's length.
        var streaming = new SimpleClientHttpRequestFactory();
        streaming.setConnectTimeout(timeouts.connect());
        streaming.setReadTimeout(timeouts.streamIdle());
        return new Downstream(
                name,
                uri,
                timeouts,
                RestClient.builder()
                        .requestFactory(factory)
                        .observationRegistry(observationRegistry)
                        .build(),
                RestClient.builder()
                        .requestFactory(streaming)
                        .observationRegistry(observationRegistry)
                        .build());
    }
}
