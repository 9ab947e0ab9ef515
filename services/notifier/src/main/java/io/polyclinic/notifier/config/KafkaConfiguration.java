package io.polyclinic.notifier.config;

import io.polyclinic.notifier.event.InvalidEventException;
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
import org.springframework.util.backoff.FixedBackOff;

/**
 * The booking events consumer's error handling: a malformed event ({@link InvalidEventException}, or a record that
 * cannot be deserialized) goes to {@code booking.events.dlt} at once; any other failure (the database down) is retried
 * every {@code retry-interval}, {@code retry-attempts} times, before it is dead-lettered too. Either way the consumer
 * moves on. Dead-lettered records keep their key and bytes; Spring Kafka adds the reason in
 * {@code kafka_dlt-exception-message}, {@code -fqcn} and the original topic/partition/offset headers.
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
        var handler = new DefaultErrorHandler(
                recoverer, new FixedBackOff(events.retryInterval().toMillis(), events.retryAttempts()));
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }
}
