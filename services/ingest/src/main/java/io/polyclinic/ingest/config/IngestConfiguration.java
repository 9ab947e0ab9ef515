package io.polyclinic.ingest.config;

import io.polyclinic.ingest.clinic.ClinicDirectory;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.imports.ImportService;
import io.polyclinic.ingest.imports.ImportSettings;
import io.polyclinic.ingest.storage.ObjectStore;
import io.polyclinic.spreadsheet.SpreadsheetLimits;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the ingest service: its properties, the clock, the dataset catalogue, the clinic directory, the import
 * settings and the job threads, and what happens at start: imports a previous run left unfinished are marked FAILED,
 * and the bucket is created when missing (before the service reports ready).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DatasetCatalog datasetCatalog() {
        return new DatasetCatalog();
    }

    @Bean
    ClinicDirectory clinicDirectory(IngestProperties properties) {
        return new ClinicDirectory(properties.bookingUri(), properties.clinicLookupTimeout());
    }

    @Bean
    ImportSettings importSettings(IngestProperties properties) {
        var limits = SpreadsheetLimits.defaults()
                .withMaxFileBytes(properties.maxFileSize().toBytes());
        return new ImportSettings(
                limits,
                properties.previewRows(),
                properties.maxRowErrors(),
                properties.progressInterval(),
                properties.phoneRegion());
    }

    /** The threads imports run on ({@code job-threads}); jobs beyond them wait QUEUED. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importExecutor(IngestProperties properties) {
        var count = new AtomicInteger();
        return Executors.newFixedThreadPool(
                properties.jobThreads(), task -> new Thread(task, "ingest-job-" + count.incrementAndGet()));
    }

    @Bean
    ApplicationRunner ingestStartup(ImportService imports, ObjectStore store) {
        return args -> {
            var interrupted = imports.failInterrupted();
            if (!interrupted.isEmpty()) {
                log.warn(
                        "Marked {} import(s) interrupted by the last stop as FAILED: {}",
                        interrupted.size(),
                        interrupted);
            }
            store.ensureBucket();
        };
    }
}
