package io.polyclinic.platform.outbox;

import java.util.HashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox's {@link KafkaOutboxSender}, in services that have Spring Kafka and an {@link Outbox}. It has its own
 * producer (from {@code spring.kafka.*}, so {@code spring.kafka.bootstrap-servers} / {@code KAFKA_BOOTSTRAP_SERVERS}
 * point it at a cluster) with the settings the outbox relies on whatever a service configures for its own
 * producers: String key and value, {@code acks=all}, idempotence on, and timeouts of {@code polyclinic.outbox
 * .send-timeout} so a relay round never hangs on a broker that is down.
 */
@AutoConfiguration(
        after = OutboxAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean({Outbox.class, KafkaProperties.class})
public class OutboxKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaOutboxSender kafkaOutboxSender(KafkaProperties kafka, OutboxProperties properties) {
        var config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        long timeout = Math.max(2000, properties.sendTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout / 2, Integer.MAX_VALUE));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, Integer.MAX_VALUE));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        var factory = new DefaultKafkaProducerFactory<String, String>(config);
        var template = new KafkaTemplate<>(factory);
        return new KafkaOutboxSender(template, properties.sendTimeout());
    }
}
