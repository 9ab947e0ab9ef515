package io.polyclinic.orders.order;

import io.polyclinic.contracts.orders.Order;

/**
 * An order together with its canonical JSON (the bytes the API answers with) and that JSON's SHA-256, which tells a
 * redelivered order from a different one under the same {@code order_uid}.
 *
 * @param order the order
 * @param json its canonical JSON, UTF-8 (see {@link OrderJson#document})
 * @param sha256 the SHA-256 of {@code json}, 64 lowercase hex digits
 */
public record OrderDocument(Order order, byte[] json, String sha256) {

    /** The order's id. */
    public String orderUid() {
        return order.orderUid();
    }
}
