package io.polyclinic.platform.servicetoken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches service tokens from identity's token endpoint with the OAuth2 {@code client_credentials} grant (RFC 6749
 * §4.4): {@code POST} {@code grant_type=client_credentials[&scope=...]} as {@code application/x-www-form-urlencoded},
 * the client authenticated with HTTP Basic ({@code client_secret_basic}, §2.3.1). The answer (§5.1:
 * {@code access_token}, {@code token_type} Bearer, {@code expires_in} seconds) is cached until {@code renewBefore}
 * before its expiry (at most half its lifetime), so a busy relay asks identity a few times an hour.
 *
 * <p>Thread-safe: one caller at a time fetches (a lock, not {@code synchronized}, so virtual threads do not pin),
 * the others wait for its token. When a renewal fails while the cached token has not expired yet, the cached one is
 * still used. Neither the secret nor a token is ever logged.
 */
public final class ServiceTokenClient implements ServiceTokenSource {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The largest token response read; identity's are under 2 KiB. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final String clientId;
    private final String basicAuthorization;
    private final URI tokenUri;
    private final String scope;
    private final Duration renewBefore;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile CachedToken cached;

    /**
     * @param clientId the client id at identity
     * @param clientSecret the client secret
     * @param tokenUri identity's token endpoint
     * @param scopes the scopes to ask for; empty for all the client's scopes
     * @param renewBefore how long before expiry a token is replaced
     * @param timeout connect and response timeout of one request
     * @param clock the clock that decides expiry
     */
    public ServiceTokenClient(
            String clientId,
            String clientSecret,
            URI tokenUri,
            List<String> scopes,
            Duration renewBefore,
            Duration timeout,
            Clock clock) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("A service token client needs a client id and a secret");
        }
        this.clientId = clientId;
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and Base64-encoded.
        this.basicAuthorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((formEncode(clientId) + ":" + formEncode(clientSecret))
                                .getBytes(StandardCharsets.UTF_8));
        this.tokenUri = tokenUri;
        this.scope = String.join(" ", scopes);
        this.renewBefore = renewBefore;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client from the {@code polyclinic.service-tokens.*} settings, on the system clock. */
    public static ServiceTokenClient of(ServiceTokenProperties properties) {
        return new ServiceTokenClient(
                properties.clientId(),
                properties.clientSecret(),
                properties.tokenUri(),
                properties.scopes(),
                properties.renewBefore(),
                properties.timeout(),
                Clock.systemUTC());
    }

    @Override
    public String token() {
        var current = cached;
        if (current != null && current.isFresh(clock.instant())) {
            return current.value();
        }
        fetching.lock();
        try {
            current = cached;
            var now = clock.instant();
            if (current != null && current.isFresh(now)) {
                return current.value();
            }
            try {
                cached = fetch();
                return cached.value();
            } catch (ServiceTokenUnavailableException e) {
                if (current != null && current.isValid(now)) {
                    log.warn(
                            "Cannot renew the service token of {}, using the current one: {}",
                            clientId,
                            e.getMessage());
                    return current.value();
                }
                throw e;
            }
        } finally {
            fetching.unlock();
        }
    }

    @Override
    public void invalidate(String token) {
        fetching.lock();
        try {
            var current = cached;
            if (current != null && current.value().equals(token)) {
                cached = null;
            }
        } finally {
            fetching.unlock();
        }
    }

    private CachedToken fetch() {
        var form = "grant_type=client_credentials" + (scope.isEmpty() ? "" : "&scope=" + formEncode(scope));
        var request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        var requestedAt = clock.instant();
        HttpResponse<java.io.InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var in = response.body()) {
                body = new String(in.readNBytes(MAX_RESPONSE_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ServiceTokenUnavailableException(
                    "The token endpoint " + tokenUri + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenUnavailableException("Interrupted while fetching a service token", e);
        }
        return parse(response.statusCode(), body, requestedAt);
    }

    private CachedToken parse(int status, String body, Instant requestedAt) {
        try {
            var json = JSON.readTree(body);
            if (status != 200) {
                var error = json.path("error").asString("");
                throw new ServiceTokenUnavailableException("The token endpoint refused client " + clientId + ": HTTP "
                        + status + (error.isEmpty() ? "" : " " + error));
            }
            var token = json.path("access_token").asString("");
            var type = json.path("token_type").asString("");
            long expiresIn = json.path("expires_in").asLong(0);
            if (token.isEmpty() || !type.equalsIgnoreCase("Bearer") || expiresIn <= 0) {
                throw new ServiceTokenUnavailableException(
                        "The token endpoint answered without a bearer token and its lifetime");
            }
            var lifetime = Duration.ofSeconds(expiresIn);
            var ahead = renewBefore.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : renewBefore;
            var expiresAt = requestedAt.plus(lifetime);
            log.debug("Fetched a service token for {}, valid for {} s", clientId, expiresIn);
            return new CachedToken(token, expiresAt.minus(ahead), expiresAt);
        } catch (JacksonException e) {
            throw new ServiceTokenUnavailableException(
                    "The token endpoint answered HTTP " + status + " without a JSON token response");
        }
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A token, when to replace it and when it expires. */
    private record CachedToken(String value, Instant renewAt, Instant expiresAt) {

        boolean isFresh(Instant now) {
            return now.isBefore(renewAt);
        }

        boolean isValid(Instant now) {
            return now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "CachedToken[****, renewAt=" + renewAt + ", expiresAt=" + expiresAt + "]";
        }
    }
}
