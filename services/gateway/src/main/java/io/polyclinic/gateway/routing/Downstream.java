package io.polyclinic.gateway.routing;

import io.micrometer.observation.ObservationRegistry;
import io.polyclinic.gateway.routing.GatewayProperties.RouteTimeouts;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.web.client.RestClient;

/**
 * A service behind the gateway, with the one HTTP client that its proxied requests and its API-docs fetches share.
 *
 * @param name the service's name, also its route id and the last segment of {@code /v3/api-docs/<name>}
 * @param uri its base URI, such as {@code http://localhost:8081}
 * @param timeouts how long its routes wait for it
 * @param client a client with those connect and read timeouts, speaking HTTP/1.1 over a pool of keep-alive
 *     connections (Apache HttpClient, decision 0031); redirects, cookies and compressed bodies are passed to the
 *     caller untouched; observed, so each call is a client span of the request's trace and sends its W3C
 *     {@code traceparent} downstream
 * @param streamingClient the client of requests that accept {@code text/event-stream}: the same pool settings and
 *     connect timeout, and instead of the read timeout a limit on the silence between two reads
 *     ({@code streamIdle}, a socket timeout: it bounds each wait for the next bytes, not the stream's length, so a
 *     stream with heartbeats is never cut); observed likewise
 */
public record Downstream(String name, URI uri, RouteTimeouts timeouts, RestClient client, RestClient streamingClient) {

    /**
     * A downstream service with a client built for its timeouts.
     *
     * @param maxConnections the most connections open to the service at once, also the most requests in flight to
     *     it; a request that finds none free waits up to the connect timeout for one, then is a 503
     * @param observationRegistry the application's registry: it times the calls and, with tracing, propagates the
     *     trace ({@link ObservationRegistry#NOOP} for neither)
     */
    public static Downstream of(
            String name, URI uri, RouteTimeouts timeouts, int maxConnections, ObservationRegistry observationRegistry) {
        return new Downstream(
                name,
                uri,
                timeouts,
                client(timeouts, timeouts.read(), maxConnections, observationRegistry),
                client(timeouts, timeouts.streamIdle(), maxConnections, observationRegistry));
    }

    private static RestClient client(
            RouteTimeouts timeouts, Duration read, int maxConnections, ObservationRegistry observationRegistry) {
        var factory = ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(
                        pool -> pool.setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections))
                .withDefaultRequestConfigCustomizer(
                        request -> request.setConnectionRequestTimeout(Timeout.of(timeouts.connect())))
                .withHttpClientCustomizer(client -> client
                        // a proxy passes Set-Cookie and Content-Encoding through; it keeps and decodes nothing
                        .disableCookieManagement()
                        .disableContentCompression()
                        .disableDefaultUserAgent()
                        .setRetryStrategy(new StaleConnectionRetry()))
                .build(HttpClientSettings.defaults()
                        .withTimeouts(timeouts.connect(), read)
                        .withRedirects(HttpRedirects.DONT_FOLLOW));
        return RestClient.builder()
                .requestFactory(factory)
                .observationRegistry(observationRegistry)
                .build();
    }

    /**
     * Sends an idempotent request once more when a kept-alive connection turns out to be closed by the service
     * before it answered (it may close idle connections at any time); never retries after a response, a timeout or
     * a refused connection, and never a request with a body already streamed.
     */
    private static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {
        StaleConnectionRetry() {
            super(
                    1,
                    TimeValue.ZERO_MILLISECONDS,
                    List.of(
                            InterruptedIOException.class,
                            UnknownHostException.class,
                            ConnectException.class,
                            NoRouteToHostException.class,
                            SSLException.class),
                    List.of());
        }
    }
}
