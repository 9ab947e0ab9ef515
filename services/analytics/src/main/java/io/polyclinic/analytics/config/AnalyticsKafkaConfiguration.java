package io.polyclinic.analytics.config;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The analytics service's topics, declared so that a fresh broker has them: {@code analytics.raw-events} (retention
 * 24 h at most: the IP address and user agent travel only there), its dead-letter topic, and the compacted
 * {@code analytics.sites}.
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsKafkaConfiguration {

    private static final String ONE_DAY_MS = Long.toString(24L * 60 * 60 * 1000);

    @Bean
    NewTopic rawEventsTopic(AnalyticsProperties properties) {
        var processor = properties.processor();
        return TopicBuilder.name(processor.topic())
                .partitions(processor.partitions())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, ONE_DAY_MS))
                .build();
    }

    @Bean
    NewTopic rawEventsDeadLetterTopic(AnalyticsProperties properties) {
        var processor = properties.processor();
        return TopicBuilder.name(processor.deadLetterTopic())
                .partitions(processor.partitions())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, ONE_DAY_MS))
                .build();
    }

    @Bean
    NewTopic sitesTopic(AnalyticsProperties properties) {
        return TopicBuilder.name(properties.sites().topic())
                .partitions(properties.processor().partitions())
                .compact()
                .build();
    }
}
