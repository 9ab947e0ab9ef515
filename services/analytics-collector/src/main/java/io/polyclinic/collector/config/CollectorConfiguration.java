package io.polyclinic.collector.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.collector.event.BotFilter;
import io.polyclinic.collector.event.CollectorMetrics;
import io.polyclinic.collector.event.EventFormats;
import io.polyclinic.collector.event.EventIntakeService;
import io.polyclinic.collector.event.EventPublisher;
import io.polyclinic.collector.event.EventRules;
import io.polyclinic.collector.ratelimit.RateLimitService;
import io.polyclinic.collector.site.KnownSitesService;
import io.polyclinic.collector.site.SiteTopicReader;
import io.polyclinic.collector.site.SitesReadiness;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.analytics.SiteRecord;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the collector: the site map and its topic reader, the intake use case, the producer and the topics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CollectorProperties.class)
class CollectorConfiguration {

    @Bean
    KnownSitesService knownSitesService() {
        return new KnownSitesService();
    }

    @Bean
    SiteTopicReader siteTopicReader(
            KafkaProperties kafka, KnownSitesService sites, JsonMapper json, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-collector-sites");
        return new SiteTopicReader(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                sites,
                json,
                meters);
    }

    /** Replaces Spring Boot's readiness indicator: not ready until the sites are loaded. */
    @Bean
    SitesReadiness readinessStateHealthIndicator(ApplicationAvailability availability, KnownSitesService sites) {
        return new SitesReadiness(availability, sites);
    }

    @Bean
    KafkaTemplate<String, byte[]> rawEventsTemplate(KafkaProperties kafka) {
        var factory = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }

    @Bean
    CollectorMetrics collectorMetrics(MeterRegistry meters) {
        return new CollectorMetrics(meters);
    }

    @Bean
    RateLimitService rateLimitService(CollectorProperties properties) {
        var limit = properties.rateLimit();
        return new RateLimitService(limit.enabled(), limit.capacity(), limit.period(), limit.maxClients());
    }

    @Bean
    EventIntakeService eventIntakeService(
            CollectorProperties properties,
            KnownSitesService sites,
            JsonMapper json,
            KafkaTemplate<String, byte[]> rawEventsTemplate,
            CollectorMetrics metrics) {
        return new EventIntakeService(
                sites,
                new EventFormats(json),
                new EventRules(sites, Clock.systemUTC(), properties.maxEventAge(), properties.maxClockSkew()),
                new BotFilter(properties.headlessBrowsersCounted()),
                new EventPublisher(rawEventsTemplate, json),
                metrics);
    }

    /** The raw events, kept no longer than the retention: they hold IP addresses and user agents. */
    @Bean
    NewTopic rawEventsTopic(CollectorProperties properties) {
        return TopicBuilder.name(RawEvent.TOPIC)
                .partitions(properties.topicPartitions())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(properties.rawEventsRetention().toMillis())))
                .build();
    }

    /** The sites, one record per tracking id kept (compaction); the analytics service writes them. */
    @Bean
    NewTopic sitesTopic(CollectorProperties properties) {
        return TopicBuilder.name(SiteRecord.TOPIC)
                .partitions(properties.topicPartitions())
                .compact()
                .build();
    }
}
