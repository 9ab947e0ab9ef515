package io.polyclinic.identity.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services that may get service tokens from identity's token endpoint ({@code polyclinic.identity.service-tokens.*},
 * decision 0025).
 *
 * @param ttl lifetime of a service token (default {@code 5m}, 1 minute to 1 hour)
 * @param clients the registered clients by client id (such as {@code booking}); none by default. Each has a
 *     {@code secret} (at least 32 characters, env {@code POLYCLINIC_IDENTITY_SERVICETOKENS_CLIENTS_<ID>_SECRET}) or
 *     the hex SHA-256 of one ({@code secret-sha256}), and the {@code scopes} it may ask for
 * @param ownScopes the scopes of the tokens identity mints for its own calls to other services, such as its audit
 *     records (default {@code audit.write}); its client id is {@code spring.application.name}
 * @param requestsPerIp token requests one client IP may make per {@code period}, whatever their outcome; more are
 *     answered 429 (default {@code 30})
 * @param period the refill period of that limit (default {@code 1m})
 * @param maxTrackedIps the most client IPs the limit remembers (default {@code 10000})
 */
@Validated
@ConfigurationProperties("polyclinic.identity.service-tokens")
public record ServiceClientsProperties(
        @NotNull @DefaultValue("5m") Duration ttl,
        @Valid @DefaultValue Map<String, Client> clients,
        @DefaultValue("audit.write") List<String> ownScopes,
        @Min(1) @DefaultValue("30") int requestsPerIp,
        @NotNull @DefaultValue("1m") Duration period,
        @Min(100) @Max(1_000_000) @DefaultValue("10000") int maxTrackedIps) {

    /**
     * One client.
     *
     * @param secret the client secret; never logged
     * @param secretSha256 instead of {@code secret}: the lowercase hex SHA-256 of the UTF-8 secret
     * @param scopes the scopes the client may ask for; a request without {@code scope} gets all of them
     */
    public record Client(
            String secret,
            String secretSha256,
            @DefaultValue List<String> scopes) {

        @Override
        public String toString() {
            return "Client[secret=****, scopes=" + scopes + "]";
        }
    }
}
