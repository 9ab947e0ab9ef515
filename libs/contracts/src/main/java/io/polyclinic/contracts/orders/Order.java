package io.polyclinic.contracts.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An order in the WB L0 format, on topic {@code orders} and in the orders service's answers. Its fields are
 * snake_case on the wire, unlike the platform's camelCase JSON (decision 0037); the JSON Schema is
 * {@code orders/Order.schema.json} in this module's resources, and {@code orders/wb-l0-order-sample.json} is the
 * reference order. Components are declared in the sample's order, so a serialized order lists them the same way.
 *
 * @param orderUid the order's id, 1 to 64 of {@code A-Z a-z 0-9 _ -}; also {@code payment.transaction}
 * @param trackNumber the shipment's tracking number
 * @param entry the entry point code (for example {@code WBIL})
 * @param delivery who receives the order and where
 * @param payment how it was paid
 * @param items the goods, at least one
 * @param locale the customer's language ({@code en}, {@code ru})
 * @param internalSignature an internal signature, often empty
 * @param customerId the customer's id in the shop
 * @param deliveryService the delivery company ({@code meest})
 * @param shardkey the storage shard key, as text
 * @param smId the service-mode id
 * @param dateCreated when the order was placed, an ISO-8601 instant with offset
 * @param oofShard the order-flow shard, as text
 */
public record Order(
        @JsonProperty("order_uid") String orderUid,
        @JsonProperty("track_number") String trackNumber,
        @JsonProperty("entry") String entry,
        @JsonProperty("delivery") Delivery delivery,
        @JsonProperty("payment") Payment payment,
        @JsonProperty("items") List<Item> items,
        @JsonProperty("locale") String locale,
        @JsonProperty("internal_signature") String internalSignature,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("delivery_service") String deliveryService,
        @JsonProperty("shardkey") String shardkey,
        @JsonProperty("sm_id") long smId,
        @JsonProperty("date_created") Instant dateCreated,
        @JsonProperty("oof_shard") String oofShard) {

    /** The classpath location of the order's JSON Schema (draft 2020-12). */
    public static final String SCHEMA_RESOURCE = "orders/Order.schema.json";

    /** The classpath location of the reference order. */
    public static final String SAMPLE_RESOURCE = "orders/wb-l0-order-sample.json";

    public Order {
        items = items == null ? null : List.copyOf(items);
    }
}
