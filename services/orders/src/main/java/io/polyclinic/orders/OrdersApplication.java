package io.polyclinic.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The orders service (S8): consumes WB L0 orders from Kafka topic {@code orders}, validates them, stores each with its
 * delivery, payment and items in PostgreSQL, dead-letters the invalid ones to {@code orders.dlt} with the reason, and
 * serves {@code GET /api/v1/orders/{orderUid}} from an in-memory cache restored from the database at start.
 */
@SpringBootApplication
@PropertySource("classpath:orders.properties")
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
