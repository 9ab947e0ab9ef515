package io.polyclinic.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The analytics service (S7): the sites clinics track (their tracking ids published to the compacted topic
 * {@code analytics.sites} for the collector), the processor of topic {@code analytics.raw-events} (enrichment,
 * visitor ids, sessions, storage in day partitions), the hourly and daily rollups it keeps up to date per batch, and
 * the reports read from them.
 */
@SpringBootApplication
@EnableScheduling
@PropertySource("classpath:analytics.properties")
public class AnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsApplication.class, args);
    }
}
