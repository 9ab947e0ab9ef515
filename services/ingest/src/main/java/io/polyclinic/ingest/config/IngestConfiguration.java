package io.polyclinic.ingest.config;

import io.polyclinic.ingest.dataset.DatasetCatalog;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the ingest service: its properties, the clock and the dataset catalogue. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DatasetCatalog datasetCatalog() {
        return new DatasetCatalog();
    }
}
