package io.polyclinic.orders.config;

import io.polyclinic.orders.ingest.InvalidOrderException;
import io.polyclinic.orders.ingest.OrderListener;
import io.polyclinic.platform.kafka.DeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka side of the orders service: its two topics, the dead-letter publisher and the consumer's error handler.
 *
 * <p>Retry rules (as for the other consumers, decision 0029): poison never reaches the error handler, since the
 * listener dead-letters every record that is no valid order itself; what reaches it is a failure that is no record's
 * fault (the database or Kafka unreachable), and that batch is retried without limit, the pause doubling from
 * {@code outage-initial-backoff} to {@code outage-max-backoff}, while the container keeps polling (paused) so the
 * consumer stays in its group. Nothing is skipped and no offset moves meanwhile.
 */
@Configuration(proxyBeanMethods = false)
public class OrdersKafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrdersKafkaConfiguration.class);

    /** Topic {@code orders}, taking records up to {@code max-topic-message-bytes} so oversized ones can be seen. */
    @Bean
    NewTopic ordersTopic(OrdersProperties properties) {
        var ingest = properties.ingest();
        return TopicBuilder.name(ingest.topic())
                .partitions(ingest.partitions())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ingest.maxTopicMessageBytes())))
                .build();
    }

    @Bean
    NewTopic ordersDeadLetterTopic(OrdersProperties properties) {
        var ingest = properties.ingest();
        return TopicBuilder.name(ingest.deadLetterTopic())
                .partitions(ingest.partitions())
                .build();
    }

    /**
     * Rejected records go to {@code orders.dlt} with their key, headers and value (cut to {@code max-dead-letter-bytes},
     * the original size then in {@value OrderListener#ORIGINAL_SIZE_HEADER}), the reason code in
     * {@value OrderListener#REASON_HEADER}, the detail, {@link InvalidOrderException} as the exception class and the
     * original coordinates.
     */
    @Bean
    DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, OrdersProperties properties) {
        var factory = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
        var ingest = properties.ingest();
        return DeadLetterPublisher.builder(
                        new KafkaTemplate<>(factory), ingest.deadLetterTopic(), OrderListener.REASON_HEADER)
                .maxValueBytes(ingest.maxDeadLetterBytes())
                .keepingHeaders()
                .originalSizeHeader(OrderListener.ORIGINAL_SIZE_HEADER)
                .exceptionClass(InvalidOrderException.class)
                .recordName("Order record")
                .build();
    }

    @Bean
    DefaultErrorHandler ordersErrorHandler(OrdersProperties properties) {
        var ingest = properties.ingest();
        var outage = new ExponentialBackOff(ingest.outageInitialBackoff().toMillis(), 2.0);
        outage.setMaxInterval(ingest.outageMaxBackoff().toMillis());
        // Unlimited attempts: the recoverer below is never reached; if it were, refusing to recover keeps the batch.
        return new DefaultErrorHandler(
                (record, failure) -> {
                    log.error("Order batch retries ran out at {}-{}", record.topic(), record.partition());
                    throw new IllegalStateException("Order batches are never skipped", failure);
                },
                outage);
    }
}
