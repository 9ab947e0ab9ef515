package io.polyclinic.platform.servicetoken;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service tokens ({@code polyclinic.service-tokens.*}): the short-lived JWTs identity issues to services with the
 * OAuth2 {@code client_credentials} grant, which authenticate one service's gRPC calls to another (decision 0025).
 *
 * @param audience the {@code aud} of service tokens (default {@code polyclinic-services}); it differs from the user
 *     tokens' {@code polyclinic.security.audience}, so neither kind of token is ever accepted as the other. Identity
 *     issues tokens for it and every gRPC server requires it
 * @param clientId this service's client id at identity, such as {@code booking}; blank (the default) means the
 *     service fetches no service token (identity mints its own)
 * @param clientSecret this service's client secret (<b>secret</b>: only from the environment,
 *     {@code POLYCLINIC_SERVICE_TOKENS_CLIENT_SECRET}); never logged
 * @param tokenUri identity's token endpoint (default {@code http://localhost:8081/oauth2/token})
 * @param scopes the scopes to ask for; empty (the default) asks for every scope the client is allowed
 * @param renewBefore how long before its expiry a cached token is replaced (default {@code 60s}; at most half the
 *     token's lifetime is used)
 * @param timeout connect and response timeout of one token request (default {@code 5s})
 */
@ConfigurationProperties("polyclinic.service-tokens")
public record ServiceTokenProperties(
        @DefaultValue("polyclinic-services") String audience,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("http://localhost:8081/oauth2/token") URI tokenUri,
        @DefaultValue List<String> scopes,
        @DefaultValue("60s") Duration renewBefore,
        @DefaultValue("5s") Duration timeout) {

    /** Whether this service has client credentials to fetch service tokens with. */
    public boolean hasClientCredentials() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServiceTokenProperties[audience=" + audience + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null || clientSecret.isBlank() ? "" : "****") + ", tokenUri=" + tokenUri
                + ", scopes=" + scopes + ", renewBefore=" + renewBefore + ", timeout=" + timeout + "]";
    }
}
