package io.polyclinic.collector.event;

import io.polyclinic.contracts.analytics.RawEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks of single event fields, shared by both formats: types, lengths, no control characters, no markup in
 * names and properties, absolute http(s) URLs, bounded properties. Each failure is an {@link EventRejectedException}
 * (400) naming the field, never echoing its value.
 */
final class EventFields {

    static final int MAX_URL = 2000;
    static final int MAX_PROP_KEY = 300;
    static final int MAX_PROP_VALUE = 2000;

    private static final Pattern MARKUP = Pattern.compile("<\\s*[A-Za-z/!?]");
    /** URL schemes that run code in a browser. */
    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "data", "vbscript", "file");

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private EventFields() {}

    /**
     * A string field, trimmed.
     *
     * @return the text, or {@code null} when absent or JSON null and not required
     */
    static String text(JsonNode root, String field, int maxLength, boolean required) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw EventRejectedException.invalid("invalid-field", field, "This field is required.");
            }
            return null;
        }
        if (!node.isString()) {
            throw EventRejectedException.invalid("invalid-field", field, "This field must be a string.");
        }
        var text = node.asString().strip();
        if (text.isEmpty() && required) {
            throw EventRejectedException.invalid("invalid-field", field, "This field must not be blank.");
        }
        if (text.length() > maxLength) {
            throw EventRejectedException.invalid(
                    "invalid-field", field, "This field is longer than " + maxLength + " characters.");
        }
        plain(field, text);
        return text.isEmpty() ? null : text;
    }

    /** An absolute http(s) URL with a host, at most {@value #MAX_URL} characters. */
    static String url(JsonNode root, String field) {
        var text = text(root, field, MAX_URL, true);
        var uri = parse(field, text);
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw EventRejectedException.invalid("invalid-url", field, "The URL must be an absolute http(s) URL.");
        }
        return text;
    }

    /** A referrer: absent, or a URL of any scheme but a script ({@code javascript:}, {@code data:} ...). */
    static String referrer(JsonNode root, String field) {
        var text = text(root, field, MAX_URL, false);
        if (text == null) {
            return null;
        }
        var scheme = parse(field, text).getScheme();
        if (scheme != null && SCRIPT_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw EventRejectedException.invalid("invalid-url", field, "The referrer must not be a script URL.");
        }
        return text;
    }

    /**
     * Custom properties: an object of at most {@link RawEvent#MAX_PROPS} entries whose values are strings, numbers or
     * booleans (kept as text; {@code null} values are dropped), keys 1..{@value #MAX_PROP_KEY} and values at most
     * {@value #MAX_PROP_VALUE} characters, no control characters or markup.
     */
    static Map<String, String> props(JsonNode node, JsonMapper json) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw EventRejectedException.invalid("invalid-props", "props", "Properties must be a JSON object.");
        }
        if (node.size() > RawEvent.MAX_PROPS) {
            throw EventRejectedException.invalid(
                    "too-many-props", "props", "An event has at most " + RawEvent.MAX_PROPS + " properties.");
        }
        var props = new LinkedHashMap<String, String>();
        for (var entry : node.properties()) {
            var key = entry.getKey().strip();
            var value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (key.isEmpty() || key.length() > MAX_PROP_KEY) {
                throw EventRejectedException.invalid(
                        "invalid-props", "props", "Property names have 1.." + MAX_PROP_KEY + " characters.");
            }
            if (!(value.isString() || value.isNumber() || value.isBoolean())) {
                throw EventRejectedException.invalid(
                        "invalid-props", "props", "Property values are strings, numbers or booleans.");
            }
            var text = value.isString() ? value.asString() : json.writeValueAsString(value);
            if (text.length() > MAX_PROP_VALUE) {
                throw EventRejectedException.invalid(
                        "invalid-props", "props", "Property values have at most " + MAX_PROP_VALUE + " characters.");
            }
            plain("props", key);
            plain("props", text);
            props.put(key, text);
        }
        return Map.copyOf(props);
    }

    /** A viewport width in CSS pixels, 0..100,000, or {@code null}. */
    static Integer screenWidth(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 100_000) {
            throw EventRejectedException.invalid(
                    "invalid-field", "screenWidth", "The screen width is a whole number 0..100000.");
        }
        return node.intValue();
    }

    /** The tracker's session id, 8..64 characters {@code [A-Za-z0-9_-]}, or {@code null}. */
    static String sessionId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || !SESSION_ID.matcher(node.asString()).matches()) {
            throw EventRejectedException.invalid(
                    "invalid-field", "sessionId", "The session id has 8..64 letters, digits, '-' or '_'.");
        }
        return node.asString();
    }

    /** Refuses control characters (tab, CR, LF, NUL, DEL ...) and HTML markup such as {@code <script>}. */
    private static void plain(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw EventRejectedException.invalid(
                        "control-characters", field, "This field must not contain control characters.");
            }
        }
        if (text.indexOf('<') >= 0 && MARKUP.matcher(text).find()) {
            throw EventRejectedException.invalid("markup", field, "This field must not contain HTML markup.");
        }
    }

    private static URI parse(String field, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw EventRejectedException.invalid("invalid-url", field, "This is not a valid URL.");
        }
    }
}
