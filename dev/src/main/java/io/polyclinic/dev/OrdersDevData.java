package io.polyclinic.dev;

import io.polyclinic.orderproducer.OrderProducer;
import io.polyclinic.orderproducer.ProducerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service's part of the dev stack: its laptop settings ({@code orders-dev.properties} in the service) and
 * its demo data. On the first start of a {@code var/} directory the stack publishes the reference order and
 * {@link #GENERATED} generated ones to topic {@code orders}, once (a marker file remembers it), after the stack is
 * ready and off its start-up path; the service stores them within seconds, so a user finds orders at once
 * ({@code GET /api/v1/orders/b563feb7b2b84b6test} as admin).
 */
final class OrdersDevData {

    private static final Logger log = LoggerFactory.getLogger(OrdersDevData.class);

    /** How many generated orders the first start publishes besides the reference order. */
    static final int GENERATED = 300;

    /** The generator's seed: every fresh stack gets the same demo orders. */
    private static final long SEED = 20_261_202L;

    private OrdersDevData() {}

    /**
     * Publishes the demo orders on a background thread unless {@code <var>/orders-demo-published} says it was done.
     *
     * @param var the stack's data directory
     * @param bootstrapServers where Kafka is
     * @return the thread, already started, or null when there is nothing to do
     */
    static Thread publishOnce(Path var, String bootstrapServers) {
        var marker = var.resolve("orders-demo-published");
        if (Files.exists(marker)) {
            return null;
        }
        return Thread.ofPlatform().daemon().name("orders-demo-data").start(() -> {
            try {
                var summary = OrderProducer.publish(
                        new ProducerOptions(bootstrapServers, "orders", GENERATED, 0, 0, 0, 0, true, SEED, null));
                Files.writeString(marker, summary.report());
                log.info(
                        "Demo orders published to topic orders: {} (the reference order b563feb7b2b84b6test first)",
                        summary.validUids().size());
            } catch (IOException | RuntimeException e) {
                log.warn("Could not publish the demo orders; the next start tries again: {}", e.toString());
            }
        });
    }
}
