package io.polyclinic.audit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The audit service (S4): the append-only, hash-chained log of who did what to which entity. Services write to it
 * over gRPC ({@code Record}, {@code RecordBatch}); admins read it over gRPC ({@code Query}) or REST, and verify the
 * chain over REST.
 */
@SpringBootApplication
@PropertySource("classpath:audit.properties")
public class AuditApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuditApplication.class, args);
    }
}
