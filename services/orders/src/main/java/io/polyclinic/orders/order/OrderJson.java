package io.polyclinic.orders.order;

import io.polyclinic.contracts.orders.Order;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order's JSON in the WB L0 format (snake_case, decision 0037), read and written by one mapper of its own:
 * unknown fields are ignored (a producer that adds a field does not send every order to the dead-letter topic),
 * trailing content and duplicate fields are malformed, decimals are read exactly, amounts written without exponent, {@code date_created} as an ISO-8601 instant.
 * Thread-safe.
 */
public final class OrderJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // "{...} garbage" and a field given twice are malformed, not silently cut or overwritten.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Parses JSON text into a tree, decimals kept exact.
     *
     * @throws JacksonException when the bytes are not one well-formed JSON document
     */
    public JsonNode tree(byte[] json) {
        return mapper.readTree(json);
    }

    /**
     * Binds a tree that passed the order's JSON Schema to an {@link Order}.
     *
     * @throws JacksonException when a value does not fit its Java type
     */
    public Order order(JsonNode tree) {
        return mapper.treeToValue(tree, Order.class);
    }

    /** The order with its canonical JSON and that JSON's SHA-256. */
    public OrderDocument document(Order order) {
        var json = mapper.writeValueAsBytes(order);
        return new OrderDocument(order, json, sha256(json));
    }

    /** A tree of JSON text written by {@link #document} (for a page of orders). */
    public JsonNode stored(byte[] json) {
        return mapper.readTree(json);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
