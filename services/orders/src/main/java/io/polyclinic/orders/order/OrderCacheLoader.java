package io.polyclinic.orders.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills the cache from PostgreSQL at start: the newest orders (by arrival), as many as the cache holds. It runs before
 * the service reports ready (decision 0037), so a ready service answers every stored order it can hold from memory;
 * the consumer stores and caches new orders meanwhile, and a request for an order not loaded yet is read from the
 * database.
 */
@Component
public class OrderCacheLoader {

    private static final Logger log = LoggerFactory.getLogger(OrderCacheLoader.class);

    private final OrderRepository orders;
    private final OrderCache cache;
    private final OrderJson json;

    public OrderCacheLoader(OrderRepository orders, OrderCache cache, OrderJson json) {
        this.orders = orders;
        this.cache = cache;
        this.json = json;
    }

    /** Loads the newest orders into the cache; returns how many. */
    public int restore() {
        long start = System.nanoTime();
        int count = orders.newest(cache.maximumSize(), order -> {
            var document = json.document(order);
            cache.put(document.orderUid(), document.json());
        });
        log.info(
                "Order cache restored from the database: {} orders in {} ms",
                count,
                (System.nanoTime() - start) / 1_000_000);
        return count;
    }
}
