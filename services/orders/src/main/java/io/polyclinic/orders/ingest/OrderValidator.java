package io.polyclinic.orders.ingest;

import com.networknt.schema.Schema;
import io.polyclinic.contracts.orders.Order;
import io.polyclinic.orders.ingest.InvalidOrderException.Reason;
import io.polyclinic.orders.order.OrderDocument;
import io.polyclinic.orders.order.OrderJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * Turns a record value of topic {@code orders} into an order, or says why it is none: size, UTF-8, well-formed JSON,
 * the order's JSON Schema (libs/contracts {@code orders/Order.schema.json}), then {@link OrderRules}. Fields the
 * schema does not know are ignored (decision 0037). Thread-safe.
 */
public final class OrderValidator {

    /** A reason longer than this is cut: it goes into a Kafka header. */
    private static final int MAX_REASON_CHARS = 1000;

    private final Schema schema;
    private final OrderJson json;
    private final OrderRules rules;
    private final int maxOrderBytes;

    /**
     * @param schema the order's JSON Schema
     * @param json the order's JSON mapper
     * @param rules the rules beyond the schema
     * @param maxOrderBytes the largest value accepted
     */
    public OrderValidator(Schema schema, OrderJson json, OrderRules rules, int maxOrderBytes) {
        this.schema = schema;
        this.json = json;
        this.rules = rules;
        this.maxOrderBytes = maxOrderBytes;
    }

    /**
     * The order in {@code value}, with its canonical JSON.
     *
     * @throws InvalidOrderException when the value is not a valid order
     */
    public OrderDocument validate(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidOrderException(Reason.EMPTY, "The record has no value");
        }
        if (value.length > maxOrderBytes) {
            throw new InvalidOrderException(
                    Reason.TOO_LARGE,
                    "The record has " + value.length + " bytes; an order has at most " + maxOrderBytes);
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new InvalidOrderException(Reason.NOT_UTF8, "The record is not UTF-8 text");
        }
        tools.jackson.databind.JsonNode tree;
        try {
            tree = json.tree(value);
        } catch (JacksonException e) {
            throw new InvalidOrderException(Reason.MALFORMED_JSON, "Not well-formed JSON: " + e.getOriginalMessage());
        }
        var errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidOrderException(
                    Reason.SCHEMA,
                    cut(errors.stream().map(Object::toString).sorted().collect(Collectors.joining("; "))));
        }
        Order order;
        try {
            order = json.order(tree);
        } catch (JacksonException e) {
            throw new InvalidOrderException(Reason.SCHEMA, "A value does not fit its type: " + e.getOriginalMessage());
        }
        var violations = rules.violations(order);
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(Reason.RULE, cut(String.join("; ", violations)));
        }
        return json.document(order);
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }
}
