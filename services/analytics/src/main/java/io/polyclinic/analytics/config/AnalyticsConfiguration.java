package io.polyclinic.analytics.config;

import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.event.JdbcEventStore;
import io.polyclinic.analytics.site.SitePublisher;
import io.polyclinic.analytics.site.SiteSettings;
import io.polyclinic.platform.outbox.Outbox;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wiring of the analytics service: its properties, clock, event store and the sites' publisher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
public class AnalyticsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventStore eventStore(JdbcClient jdbc, JdbcTemplate template) {
        return new JdbcEventStore(jdbc, template);
    }

    @Bean
    SitePublisher sitePublisher(Outbox outbox, AnalyticsProperties properties) {
        return new SitePublisher(outbox, properties.sites().topic());
    }

    @Bean
    SiteSettings siteSettings(AnalyticsProperties properties) {
        return new SiteSettings(properties.sites().collectorUrl());
    }
}
