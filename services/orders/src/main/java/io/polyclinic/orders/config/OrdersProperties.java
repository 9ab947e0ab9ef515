package io.polyclinic.orders.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The orders service's settings ({@code polyclinic.orders.*}); Kafka itself is Spring Boot's {@code spring.kafka.*}.
 *
 * @param ingest the consumer of topic {@code orders} ({@code ingest.*})
 * @param cache the in-memory order cache ({@code cache.*})
 * @param referenceEndpoint the benchmark's reference endpoint ({@code reference-endpoint.*})
 */
@Validated
@ConfigurationProperties("polyclinic.orders")
public record OrdersProperties(
        @DefaultValue @Valid Ingest ingest,
        @DefaultValue @Valid Cache cache,
        @DefaultValue @Valid ReferenceEndpoint referenceEndpoint) {

    /**
     * The consumer of topic {@code orders}.
     *
     * @param topic the topic read ({@code polyclinic.orders.ingest.topic}, default {@code orders})
     * @param deadLetterTopic where invalid orders and conflicting duplicates go, with the reason in headers
     *     ({@code dead-letter-topic}, default {@code orders.dlt})
     * @param partitions partitions of both topics when the service creates them ({@code partitions}, default 3)
     * @param maxOrderBytes the largest order accepted; a bigger record is dead-lettered ({@code max-order-bytes},
     *     default 1048576)
     * @param maxTopicMessageBytes the largest record topic {@code orders} takes ({@code max-topic-message-bytes}, default
     *     16777216): above {@code max-order-bytes}, so that an oversized order reaches the service and is
     *     dead-lettered with its reason instead of being refused to its producer
     * @param maxDeadLetterBytes how much of a record's value a dead letter keeps; the rest is cut off and the original
     *     size is in header {@code orders-dlt-original-size} ({@code max-dead-letter-bytes}, default 262144)
     * @param clockSkew how far in the future {@code date_created} and {@code payment_dt} may be, for producers whose
     *     clock runs ahead ({@code clock-skew}, default {@code 1m})
     * @param outageInitialBackoff the first pause before a batch is tried again after an outage of the database or of
     *     Kafka ({@code outage-initial-backoff}, default {@code 1s}); the pause doubles up to
     *     {@code outage-max-backoff} and the batch is retried without limit
     * @param outageMaxBackoff the longest such pause ({@code outage-max-backoff}, default {@code 30s})
     */
    public record Ingest(
            @DefaultValue("orders") @NotBlank String topic,
            @DefaultValue("orders.dlt") @NotBlank String deadLetterTopic,
            @DefaultValue("3") @Min(1) @Max(1000) int partitions,

            @DefaultValue("1048576") @Min(4096) @Max(16777216)
            int maxOrderBytes,

            @DefaultValue("16777216") @Min(1048576) @Max(104857600)
            int maxTopicMessageBytes,

            @DefaultValue("262144") @Min(1024) @Max(1048576) int maxDeadLetterBytes,
            @DefaultValue("1m") @NotNull Duration clockSkew,
            @DefaultValue("1s") @NotNull Duration outageInitialBackoff,
            @DefaultValue("30s") @NotNull Duration outageMaxBackoff) {}

    /**
     * The in-memory cache of orders, by {@code order_uid}, holding each order's JSON answer.
     *
     * @param maximumSize how many orders it holds at most ({@code polyclinic.orders.cache.maximum-size}, default 50000,
     *     about 70 MB for orders of two items); the least useful are evicted beyond it, and read from the database
     *     on their next request
     * @param restoreAtStart load the newest {@code maximum-size} orders from the database before the service reports
     *     ready ({@code restore-at-start}, default {@code true})
     */
    public record Cache(
            @DefaultValue("50000") @Min(0) @Max(10000000) long maximumSize,
            @DefaultValue("true") boolean restoreAtStart) {}

    /**
     * The benchmark's reference: {@code GET /bench/orders/reference} answers the stored JSON of one order, always the
     * same bytes, through the same HTTP stack and security as the order endpoint (bench/orders.sh compares the two).
     *
     * @param enabled serve it ({@code polyclinic.orders.reference-endpoint.enabled}, default {@code false})
     * @param orderUid the order whose JSON it serves ({@code order-uid}, default the reference sample's
     *     {@code b563feb7b2b84b6test})
     */
    public record ReferenceEndpoint(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("b563feb7b2b84b6test") @NotBlank String orderUid) {}
}
