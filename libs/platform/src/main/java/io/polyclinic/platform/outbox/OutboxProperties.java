package io.polyclinic.platform.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The transactional outbox and its relay ({@code polyclinic.outbox.*}).
 *
 * @param enabled whether a service with a database gets the outbox, the relay and the audit trail
 *     ({@code enabled}, default {@code true}); the relay also stays idle while the {@code outbox} table is missing
 * @param pollInterval how often the relay looks for pending rows when the last round found none
 *     ({@code poll-interval}, default {@code 200ms})
 * @param batchSize how many rows of one destination the relay claims and sends at once ({@code batch-size}, default
 *     100, at most 1000)
 * @param retryBackoff how long a destination rests after a failed send; doubled on every further failure
 *     ({@code retry-backoff}, default {@code 1s})
 * @param maxRetryBackoff the longest rest after failures ({@code max-retry-backoff}, default {@code 30s})
 * @param retention how long published rows are kept before pruning ({@code retention}, default {@code 1d})
 * @param pruneInterval how often published rows older than the retention are deleted ({@code prune-interval},
 *     default {@code 1m})
 * @param sendTimeout how long the Kafka sender waits for a broker's acknowledgement (and for its metadata when the
 *     broker is down) before the batch counts as failed ({@code send-timeout}, default {@code 10s})
 * @param claimLease how long a relay's claim on a batch holds while it sends the batch outside any transaction
 *     ({@code claim-lease}, default {@code 1m}); it must exceed the longest send (Kafka: {@code send-timeout}). A
 *     relay that dies mid-send leaves its batch to the next relay once the lease ran out (sent again: at-least-once)
 */
@Validated
@ConfigurationProperties("polyclinic.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("1s") @NotNull Duration retryBackoff,
        @DefaultValue("30s") @NotNull Duration maxRetryBackoff,
        @DefaultValue("1d") @NotNull Duration retention,
        @DefaultValue("1m") @NotNull Duration pruneInterval,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue("1m") @NotNull Duration claimLease) {}
