package io.polyclinic.orders.order;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Writes orders for the ingest feature: the order feature's tables stay its own, and ingest reaches them only here.
 * Runs inside the caller's transaction (the consumer stores a batch in one).
 */
@Service
public class OrderStoreService {

    private final OrderRepository orders;

    public OrderStoreService(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * Inserts the orders whose {@code order_uid} is not stored yet, with their deliveries, payments and items; the
     * others are left alone. The uids must be distinct.
     *
     * @return the uids inserted
     */
    public Set<String> insertNew(List<OrderDocument> documents) {
        return orders.insertNew(documents);
    }

    /** The content hashes (SHA-256, hex) of those of {@code uids} that are stored, by uid. */
    public Map<String, String> contentHashes(Collection<String> uids) {
        return orders.contentHashes(uids);
    }
}
