package io.polyclinic.orderproducer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds of deliberately invalid messages the producer sends, each made from a valid order's JSON, with the reason
 * code the orders service dead-letters it with ({@code orders-dlt-reason}). {@link #TOO_LARGE} (about 10 MB) is not
 * in the random mix; ask for it with {@code --oversized}.
 */
public enum InvalidOrder {
    TRUNCATED_JSON("malformed-json", (json, bytes) -> Arrays.copyOf(bytes, bytes.length / 2)),
    WRONG_TYPE("schema", (json, bytes) -> edit(json, bytes, order -> order.put("sm_id", "ninety-nine"))),
    MISSING_DELIVERY("schema", (json, bytes) -> edit(json, bytes, order -> order.remove("delivery"))),
    MISSING_PAYMENT("schema", (json, bytes) -> edit(json, bytes, order -> order.remove("payment"))),
    MISSING_ITEMS("schema", (json, bytes) -> edit(json, bytes, order -> order.remove("items"))),
    EMPTY_ITEMS("schema", (json, bytes) -> edit(json, bytes, order -> order.putArray("items"))),
    NEGATIVE_AMOUNT(
            "schema",
            (json, bytes) -> edit(json, bytes, order -> ((ObjectNode) order.get("payment")).put("amount", -1))),
    NOT_UTF8("not-utf8", InvalidOrder::notUtf8),
    TRANSACTION_MISMATCH(
            "rule",
            (json, bytes) -> edit(
                    json, bytes, order -> ((ObjectNode) order.get("payment")).put("transaction", "another-order"))),
    WRONG_TOTAL(
            "rule",
            (json, bytes) -> edit(json, bytes, order -> {
                var item = (ObjectNode) order.get("items").get(0);
                item.put("total_price", item.get("total_price").decimalValue().add(java.math.BigDecimal.TEN));
            })),
    FUTURE_DATE(
            "rule",
            (json, bytes) -> edit(
                    json,
                    bytes,
                    order -> order.put(
                            "date_created", Instant.now().plusSeconds(86_400).toString()))),
    TOO_LARGE("too-large", InvalidOrder::tooLarge);

    /** The kinds in the random mix of {@code --invalid}: all but {@link #TOO_LARGE}. */
    static final InvalidOrder[] MIX =
            Arrays.stream(values()).filter(kind -> kind != TOO_LARGE).toArray(InvalidOrder[]::new);

    private final String reason;
    private final BiFunction<JsonMapper, byte[], byte[]> spoil;

    InvalidOrder(String reason, BiFunction<JsonMapper, byte[], byte[]> spoil) {
        this.reason = reason;
        this.spoil = spoil;
    }

    /** The reason code the orders service gives it. */
    public String reason() {
        return reason;
    }

    /** The kind's name on the command line and in the summary: {@code truncated-json}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** A message of this kind made from a valid order's JSON. */
    public byte[] spoil(JsonMapper json, byte[] validOrder) {
        return spoil.apply(json, validOrder);
    }

    private static byte[] edit(JsonMapper json, byte[] bytes, java.util.function.Consumer<ObjectNode> change) {
        var order = (ObjectNode) json.readTree(bytes);
        change.accept(order);
        return json.writeValueAsBytes(order);
    }

    /** The delivery name with a byte sequence that is no UTF-8 (0xC3 0x28). */
    private static byte[] notUtf8(JsonMapper json, byte[] bytes) {
        var text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"name\":\"") + 8;
        var head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        var tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
        var spoiled = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, spoiled, 0, head.length);
        spoiled[head.length] = (byte) 0xC3;
        spoiled[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, spoiled, head.length + 2, tail.length);
        return spoiled;
    }

    /** The order with a 10 MB {@code internal_signature}. */
    private static byte[] tooLarge(JsonMapper json, byte[] bytes) {
        return edit(json, bytes, order -> order.put("internal_signature", "x".repeat(10 * 1024 * 1024)));
    }
}
