package io.polyclinic.orders.config;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.contracts.orders.Order;
import io.polyclinic.orders.ingest.InvalidOrderException;
import io.polyclinic.orders.ingest.OrderRules;
import io.polyclinic.orders.ingest.OrderValidator;
import io.polyclinic.orders.order.OrderCache;
import io.polyclinic.orders.order.OrderCacheLoader;
import io.polyclinic.orders.order.OrderJson;
import io.polyclinic.platform.kafka.ConsumedRecordMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the orders service: its properties, the order JSON mapper, the validator (the order's JSON Schema from
 * libs/contracts and the rules), the cache and its restore before the service reports ready (Spring Boot reports
 * readiness once the application runners have run).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
public class OrdersConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OrderJson orderJson() {
        return new OrderJson();
    }

    @Bean
    OrderCache orderCache(OrdersProperties properties, MeterRegistry registry) {
        return new OrderCache(properties.cache().maximumSize(), registry);
    }

    /**
     * What became of the records on topic {@code orders}: counter {@code polyclinic.orders.received} with tag
     * {@code outcome} = {@code stored}, {@code duplicate} (the same order again, ignored) or {@code dead-lettered}, the
     * last also tagged with {@code reason} (an {@link InvalidOrderException.Reason}'s code; all of them at 0 from the
     * start).
     */
    @Bean
    ConsumedRecordMetrics ingestMetrics(MeterRegistry registry) {
        return new ConsumedRecordMetrics(
                registry,
                "polyclinic.orders.received",
                "Records read from topic orders, by what became of them",
                Arrays.stream(InvalidOrderException.Reason.values())
                        .map(InvalidOrderException.Reason::code)
                        .toList());
    }

    @Bean
    OrderValidator orderValidator(OrderJson json, OrdersProperties properties, Clock clock) {
        var ingest = properties.ingest();
        return new OrderValidator(
                orderSchema(), json, new OrderRules(clock, ingest.clockSkew()), ingest.maxOrderBytes());
    }

    /** The order's JSON Schema (draft 2020-12) from libs/contracts. */
    static Schema orderSchema() {
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (var in = Order.class.getClassLoader().getResourceAsStream(Order.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Order.SCHEMA_RESOURCE + " is not on the classpath");
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the cache before the service reports ready (when {@code cache.restore-at-start} is on). */
    @Bean
    ApplicationRunner orderCacheRestore(OrderCacheLoader loader, OrdersProperties properties) {
        return args -> {
            if (properties.cache().restoreAtStart()) {
                loader.restore();
            }
        };
    }
}
