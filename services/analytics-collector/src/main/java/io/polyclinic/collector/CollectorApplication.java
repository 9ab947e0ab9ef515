package io.polyclinic.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The web-analytics collector: serves {@code tracker.js}, takes events on {@code POST /track} and the
 * Plausible-compatible {@code POST /api/event}, checks them against the sites it reads from the compacted topic
 * {@code analytics.sites}, and publishes each accepted one to Kafka {@code analytics.raw-events}, answering only after
 * the broker has acknowledged it. Stateless, no database: it scales by replicas.
 */
@SpringBootApplication
@PropertySource("classpath:analytics-collector.properties")
public class CollectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CollectorApplication.class, args);
    }
}
