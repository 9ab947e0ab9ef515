package io.polyclinic.collector.event;

import io.polyclinic.contracts.analytics.RawEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into an {@link IncomingEvent}: our own {@code /track} shape, or the Plausible Events API shape
 * of {@code /api/event} (long names {@code name, url, domain, referrer, props, revenue} as server-side clients send
 * them, and the short names {@code n, u, d, r, p, $, w} of Plausible's browser trackers, whose {@code p} may be an
 * object or a JSON string). Checks every field's type and bounds with {@link EventFields}; site-dependent rules come
 * later ({@link EventRules}).
 */
public final class EventFormats {

    /** Plausible's name for an outbound-link click. */
    static final String PLAUSIBLE_OUTBOUND = "Outbound Link: Click";

    private static final Set<String> TYPES =
            Set.of(RawEvent.PAGEVIEW, RawEvent.CLICK, RawEvent.CUSTOM, RawEvent.OUTBOUND);
    private static final Set<String> TRACK_FIELDS = Set.of(
            "siteId",
            "eventType",
            "name",
            "url",
            "referrer",
            "timestamp",
            "sessionId",
            "screenWidth",
            "props",
            "payload",
            "revenue",
            "userId");

    private final JsonMapper json;

    public EventFormats(JsonMapper json) {
        this.json = json;
    }

    /**
     * Our shape: {@code {"siteId","eventType","name","url","referrer","timestamp","sessionId","screenWidth","props",
     * "revenue"}}; {@code payload} is accepted for {@code props}; a {@code userId} is accepted and dropped (nothing that
     * identifies a person is kept).
     *
     * @throws EventRejectedException for a malformed body or field
     */
    public IncomingEvent track(byte[] body) {
        var root = object(body);
        for (var field : root.propertyNames()) {
            if (!TRACK_FIELDS.contains(field)) {
                throw EventRejectedException.invalid("unknown-field", field, "This field is not part of an event.");
            }
        }
        var type = EventFields.text(root, "eventType", 20, true);
        if (!TYPES.contains(type)) {
            throw EventRejectedException.invalid(
                    "invalid-type", "eventType", "The event type must be pageview, click, custom or outbound.");
        }
        var name = EventFields.text(root, "name", 120, false);
        if (name == null) {
            name = switch (type) {
                case RawEvent.CUSTOM ->
                    throw EventRejectedException.invalid("invalid-field", "name", "A custom event needs a name.");
                case RawEvent.OUTBOUND -> PLAUSIBLE_OUTBOUND;
                default -> type;
            };
        }
        var props = root.has("props") ? root.get("props") : root.get("payload");
        return new IncomingEvent(
                EventFields.text(root, "siteId", 64, true),
                null,
                type,
                name,
                EventFields.url(root, "url"),
                EventFields.referrer(root, "referrer"),
                EventFields.props(props, json),
                revenue(root.get("revenue")),
                timestamp(root),
                EventFields.screenWidth(root.get("screenWidth")),
                EventFields.sessionId(root.get("sessionId")));
    }

    /**
     * The Plausible Events API shape. The type follows from the name: {@code pageview}, {@value #PLAUSIBLE_OUTBOUND}
     * (outbound), anything else a custom event. Unknown fields are ignored, as Plausible does.
     *
     * @throws EventRejectedException for a malformed body or field
     */
    public IncomingEvent plausible(byte[] body) {
        var root = object(body);
        var name = EventFields.text(root, either(root, "name", "n"), 120, true);
        var type =
                switch (name) {
                    case RawEvent.PAGEVIEW -> RawEvent.PAGEVIEW;
                    case PLAUSIBLE_OUTBOUND -> RawEvent.OUTBOUND;
                    default -> RawEvent.CUSTOM;
                };
        var propsField = root.has("props") ? "props" : root.has("p") ? "p" : "m";
        var revenueField = root.has("revenue") ? "revenue" : "$";
        return new IncomingEvent(
                null,
                EventFields.text(root, either(root, "domain", "d"), 2000, true),
                type,
                name,
                EventFields.url(root, either(root, "url", "u")),
                EventFields.referrer(root, either(root, "referrer", "r")),
                EventFields.props(embedded(root.get(propsField), propsField), json),
                revenue(embedded(root.get(revenueField), revenueField)),
                null,
                EventFields.screenWidth(root.get("w")),
                null);
    }

    private JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw EventRejectedException.invalid("malformed-json", "body", "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw EventRejectedException.invalid("malformed-json", "body", "The body must be one JSON object.");
        }
        return root;
    }

    /** A JSON string holding JSON (Plausible's trackers send {@code p} so), read as that JSON; else the node. */
    private JsonNode embedded(JsonNode node, String field) {
        if (node == null || !node.isString()) {
            return node;
        }
        try {
            return json.readTree(node.asString());
        } catch (JacksonException e) {
            throw EventRejectedException.invalid("malformed-json", field, "This field is not valid JSON.");
        }
    }

    private static String either(JsonNode root, String longName, String shortName) {
        return root.has(longName) ? longName : shortName;
    }

    private static Instant timestamp(JsonNode root) {
        var text = EventFields.text(root, "timestamp", 40, false);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw EventRejectedException.invalid(
                    "invalid-field", "timestamp", "The timestamp must be ISO-8601 with an offset.");
        }
    }

    private static RawEvent.Revenue revenue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.has("amount") || !node.has("currency")) {
            throw EventRejectedException.invalid(
                    "invalid-field", "revenue", "Revenue must be an object with amount and currency.");
        }
        var amountNode = node.get("amount");
        String amount;
        try {
            amount = amountNode.isNumber()
                    ? amountNode.decimalValue().toPlainString()
                    : new BigDecimal(amountNode.asString()).toPlainString();
        } catch (NumberFormatException e) {
            amount = "";
        }
        var currency = node.get("currency").isString()
                ? node.get("currency").asString().toUpperCase(Locale.ROOT)
                : "";
        if (!amount.matches("-?[0-9]{1,15}(\\.[0-9]{1,2})?") || !currency.matches("[A-Z]{3}")) {
            throw EventRejectedException.invalid(
                    "invalid-field",
                    "revenue",
                    "Revenue needs a decimal amount with at most 2 fraction digits and an ISO-4217 currency.");
        }
        return new RawEvent.Revenue(amount, currency);
    }
}
