package io.polyclinic.notifier.config;

import io.polyclinic.notifier.contract.InvalidMessageException;
import io.polyclinic.notifier.retry.Failures;
import io.polyclinic.notifier.shared.NotifierProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The booking events consumer's error handling (decision 0029):
 *
 * <ul>
 *   <li>an outage ({@link Failures#isTransient}: the database unreachable, a lost connection, a timed-out
 *       statement) is retried without limit, the pause doubling from {@code outage-retry.initial-backoff} to
 *       {@code outage-retry.max-backoff}; the consumer stays on that record meanwhile, so nothing behind it is read
 *       and nothing is dead-lettered, however long the outage;
 *   <li>a malformed event ({@link InvalidMessageException}: not JSON, breaking its type's JSON Schema, unusable; or a
 *       record that cannot be deserialized) is poison and goes to {@code booking.events.dlt} at once;
 *   <li>any other failure is retried every {@code retry-interval}, {@code retry-attempts} times, then dead-lettered
 *       too, so a bug on one event does not stop the others.
 * </ul>
 *
 * Dead-lettered records keep their key and bytes; Spring Kafka adds the reason in
 * {@code kafka_dlt-exception-message}, {@code -fqcn} and the original topic/partition/offset headers. The admin
 * replay puts them through the consumer's logic again after a fix.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    NewTopic bookingEventsDeadLetterTopic(NotifierProperties properties) {
        return TopicBuilder.name(properties.events().deadLetterTopic())
                .partitions(1)
                .build();
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterKafkaTemplate(KafkaProperties kafka) {
        var factory = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }

    @Bean
    DefaultErrorHandler bookingEventsErrorHandler(
            KafkaTemplate<String, byte[]> deadLetterKafkaTemplate, NotifierProperties properties) {
        var topic = properties.events().deadLetterTopic();
        // Partition -1: the producer picks one, so the dead-letter topic needs no more partitions than it has.
        var recoverer = new DeadLetterPublishingRecoverer(
                deadLetterKafkaTemplate, (record, exception) -> new TopicPartition(topic, -1));
        var events = properties.events();
        var bounded = new FixedBackOff(events.retryInterval().toMillis(), events.retryAttempts());
        var outage = properties.outageRetry();
        var unlimited = new ExponentialBackOff(outage.initialBackoff().toMillis(), 2.0);
        unlimited.setMaxInterval(outage.maxBackoff().toMillis());
        var handler = new DefaultErrorHandler(recoverer, bounded);
        handler.setBackOffFunction((record, exception) -> Failures.isTransient(exception) ? unlimited : bounded);
        handler.addNotRetryableExceptions(InvalidMessageException.class);
        return handler;
    }
}
