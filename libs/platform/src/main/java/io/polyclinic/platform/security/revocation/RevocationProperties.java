package io.polyclinic.platform.security.revocation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Revocation of access tokens before they expire ({@code polyclinic.security.revocation.*}): every service that has
 * Kafka reads identity's revocation events and refuses the tokens they name (decision 0026).
 *
 * @param enabled whether a service with Kafka checks revocations ({@code enabled}, default {@code true})
 * @param topic the topic identity publishes its events on ({@code topic}, default {@code identity.events})
 * @param maxTokenLifetime the longest access-token lifetime identity issues ({@code max-token-lifetime}, default
 *     {@code 15m}, identity's {@code access-token-ttl}): a revocation is kept this long plus one minute of clock
 *     skew, after which every token it could concern has expired; at start the consumer replays this window
 * @param readinessTimeout how long after start the service reports not ready while the initial replay has not
 *     caught up ({@code readiness-timeout}, default {@code 60s}); after it the service reports ready anyway (with a
 *     warning), so a Kafka outage cannot keep every restarted replica out of service
 */
@Validated
@ConfigurationProperties("polyclinic.security.revocation")
public record RevocationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("identity.events") @NotBlank String topic,
        @DefaultValue("15m") @NotNull Duration maxTokenLifetime,
        @DefaultValue("60s") @NotNull Duration readinessTimeout) {

    /** The clock skew the token validators allow past {@code exp} (Spring Security's default). */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** How long a revocation matters: the longest token lifetime plus the clock skew. */
    public Duration retention() {
        return maxTokenLifetime.plus(CLOCK_SKEW);
    }
}
