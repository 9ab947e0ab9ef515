package io.polyclinic.notifier.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads booking events tolerantly: unknown fields anywhere are ignored (producers may add fields without asking),
 * but the fields the notifier relies on must be present, of the right type and within size limits, else the event is
 * refused with an {@link InvalidEventException} naming the first problem. Only envelope version 1 is known.
 */
@Component
public class BookingEventParser {

    /** The envelope version this notifier understands. */
    public static final int SUPPORTED_VERSION = 1;

    private static final int MAX_TEXT = 1000;
    private static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads the envelope.
     *
     * @param body the record value, UTF-8 JSON
     * @param maxBytes the largest body accepted
     * @throws InvalidEventException when the body is empty, too large, not UTF-8 JSON, or the envelope is incomplete
     *     or of an unknown version
     */
    public EventEnvelope envelope(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException("empty record value");
        }
        if (body.length > maxBytes) {
            throw new InvalidEventException("event of " + body.length + " bytes exceeds the limit of " + maxBytes);
        }
        JsonNode root;
        try {
            var text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("record value is not UTF-8");
        } catch (JacksonException e) {
            throw new InvalidEventException("record value is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("event is not a JSON object");
        }
        var versionNode = root.get("version");
        if (versionNode == null || !versionNode.isIntegralNumber() || !versionNode.canConvertToInt()) {
            throw new InvalidEventException("version: missing or not an integer");
        }
        int version = versionNode.intValue();
        if (version != SUPPORTED_VERSION) {
            throw new InvalidEventException(
                    "version: " + version + " is not supported (only " + SUPPORTED_VERSION + ")");
        }
        var data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data: missing or not an object");
        }
        return new EventEnvelope(
                uuid(root, "id"),
                text(root, "type", 100),
                instant(root, "occurredAt"),
                optionalText(root, "source", 100),
                version,
                data);
    }

    /**
     * Reads the data of an appointment event.
     *
     * @throws InvalidEventException when a field the emails need is missing or malformed
     */
    public AppointmentEvent appointment(EventEnvelope envelope, AppointmentEvent.Kind kind) {
        var data = envelope.data();
        var start = instant(data, "start");
        var end = instant(data, "end");
        if (!end.isAfter(start)) {
            throw new InvalidEventException("data.end: not after data.start");
        }
        var email = text(data, "patientEmail", MAX_EMAIL);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidEventException("data.patientEmail: not an email address");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(data, "clinicTimeZone", 100));
        } catch (DateTimeException e) {
            throw new InvalidEventException("data.clinicTimeZone: not a time zone");
        }
        var language = optionalText(data, "locale", 20);
        var locale = language != null && language.toLowerCase(Locale.ROOT).startsWith("ru")
                ? Locale.of("ru")
                : Locale.ENGLISH;
        return new AppointmentEvent(
                envelope.id(),
                kind,
                envelope.occurredAt(),
                uuid(data, "appointmentId"),
                text(data, "doctorName", MAX_TEXT),
                text(data, "clinicName", MAX_TEXT),
                optionalText(data, "clinicAddress", MAX_TEXT) == null
                        ? ""
                        : optionalText(data, "clinicAddress", MAX_TEXT),
                zone,
                email,
                locale,
                start,
                end,
                optionalText(data, "cancelReason", MAX_TEXT),
                optionalText(data, "cancelledBy", 20),
                kind == AppointmentEvent.Kind.RESCHEDULED ? optionalInstant(data, "previousStart") : null);
    }

    private static String text(JsonNode node, String field, int maxLength) {
        var value = optionalText(node, field, maxLength);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + ": missing or blank");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, int maxLength) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidEventException(field + ": not a string");
        }
        var text = value.stringValue();
        if (text.length() > maxLength) {
            throw new InvalidEventException(field + ": longer than " + maxLength + " characters");
        }
        return text;
    }

    private static UUID uuid(JsonNode node, String field) {
        var text = text(node, field, 36);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + ": not a UUID");
        }
    }

    private static Instant instant(JsonNode node, String field) {
        var value = optionalInstant(node, field);
        if (value == null) {
            throw new InvalidEventException(field + ": missing");
        }
        return value;
    }

    private static Instant optionalInstant(JsonNode node, String field) {
        var text = optionalText(node, field, 40);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidEventException(field + ": not an ISO-8601 instant");
        }
    }
}
