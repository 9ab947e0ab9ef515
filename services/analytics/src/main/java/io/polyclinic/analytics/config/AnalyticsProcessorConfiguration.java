package io.polyclinic.analytics.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.analytics.enrichment.GeoIpCountries;
import io.polyclinic.analytics.enrichment.GeoIpDownload;
import io.polyclinic.analytics.enrichment.UserAgents;
import io.polyclinic.analytics.enrichment.VisitorIds;
import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.processor.EventProcessingService;
import io.polyclinic.analytics.processor.ProcessorMetrics;
import io.polyclinic.analytics.processor.ProcessorParts;
import io.polyclinic.analytics.processor.RawEventListener;
import io.polyclinic.analytics.processor.SessionRepository;
import io.polyclinic.analytics.processor.StorageMaintenanceService;
import io.polyclinic.analytics.rollup.RollupService;
import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.kafka.DeadLetterPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The processor's wiring: enrichment (GeoIP database, fetched in the background when missing; Yauaa, built on first
 * use), the batch service, its listener, dead letters, the consumer's error handler and the storage maintenance.
 *
 * <p>Retry rules (as for the other consumers, decision 0029): a record's own fault never reaches the error handler,
 * it is dead-lettered by the listener; what reaches it (the database or Kafka down) is retried without limit, the
 * pause doubling from {@code outage-initial-backoff} to {@code outage-max-backoff}, and no offset moves meanwhile.
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsProcessorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsProcessorConfiguration.class);

    @Bean(destroyMethod = "close")
    GeoIpCountries geoIpCountries(AnalyticsProperties properties) {
        var enrichment = properties.enrichment();
        var file = Path.of(enrichment.geoipDatabase());
        var countries = GeoIpCountries.at(file);
        var url = enrichment.geoipDownloadUrl();
        if (!countries.loaded() && url != null && !url.isBlank() && !Files.exists(file)) {
            Thread.ofVirtual().name("geoip-download").start(() -> {
                try {
                    new GeoIpDownload().fetch(url, file);
                    countries.open(file);
                } catch (Exception e) {
                    log.warn("GeoIP database not fetched ({}): countries stay unknown", e.toString());
                }
            });
        }
        return countries;
    }

    @Bean
    ProcessorParts processorParts(AnalyticsProperties properties, GeoIpCountries countries, MeterRegistry registry) {
        var enrichment = properties.enrichment();
        var processor = properties.processor();
        return new ProcessorParts(
                countries,
                new UserAgents(enrichment.userAgentCacheSize()),
                new VisitorIds(enrichment.visitorSecret()),
                new ProcessorMetrics(registry),
                processor.maxEventBytes(),
                processor.sessionTimeout(),
                properties.storage().retentionDays());
    }

    @Bean
    EventProcessingService eventProcessingService(
            ProcessorParts parts,
            SiteService sites,
            EventStore store,
            SessionRepository sessions,
            RollupService rollups,
            Clock clock) {
        return new EventProcessingService(parts, sites, store, sessions, rollups, clock);
    }

    /**
     * Rejected raw events go to {@code analytics.raw-events.dlt} with their key and value (cut to
     * {@code max-dead-letter-bytes}; the topic keeps records 24 hours, like its source, since they hold IP addresses),
     * the reason code in {@value RawEventListener#REASON_HEADER}, the detail and the original coordinates.
     */
    @Bean
    DeadLetterPublisher rawEventDeadLetters(KafkaProperties kafka, AnalyticsProperties properties) {
        var factory = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
        var processor = properties.processor();
        return DeadLetterPublisher.builder(
                        new KafkaTemplate<>(factory), processor.deadLetterTopic(), RawEventListener.REASON_HEADER)
                .maxValueBytes(processor.maxDeadLetterBytes())
                .recordName("Raw event")
                .build();
    }

    @Bean
    RawEventListener rawEventListener(EventProcessingService processor, DeadLetterPublisher rawEventDeadLetters) {
        return new RawEventListener(processor, rawEventDeadLetters);
    }

    @Bean
    DefaultErrorHandler analyticsErrorHandler(AnalyticsProperties properties) {
        var processor = properties.processor();
        var outage = new ExponentialBackOff(processor.outageInitialBackoff().toMillis(), 2.0);
        outage.setMaxInterval(processor.outageMaxBackoff().toMillis());
        return new DefaultErrorHandler(
                (record, failure) -> {
                    throw new IllegalStateException("Raw-event batches are never skipped", failure);
                },
                outage);
    }

    @Bean
    StorageMaintenanceService storageMaintenanceService(
            EventStore store, SessionRepository sessions, RollupService rollups, Clock clock, AnalyticsProperties p) {
        return new StorageMaintenanceService(
                store,
                sessions,
                rollups,
                clock,
                p.storage().retentionDays(),
                p.storage().daysAhead());
    }

    /** Partitions exist before the listener starts consuming (listeners start after every singleton is ready). */
    @Bean
    SmartInitializingSingleton partitionsBeforeConsuming(StorageMaintenanceService maintenance) {
        return maintenance::maintain;
    }
}
