package io.polyclinic.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The ingest service (S6): reads spreadsheets (.xlsx, .xls, .csv) uploaded by clinic managers, maps their headers to
 * the canonical fields of a dataset through the naming table, transforms the cells and loads the rows as import jobs:
 * doctors and slots into booking (its gRPC bulk API), monthly clinic visits into the warehouse that Superset reads.
 * REST on 8085, gRPC ({@code IngestService}) on 9085.
 */
@SpringBootApplication
@PropertySource("classpath:ingest.properties")
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
