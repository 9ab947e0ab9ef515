package io.polyclinic.notifier.job;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks {@link EmailJob}s; anything it refuses is an {@link InvalidJobException} naming the problem. */
@Component
public class EmailJobParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,253}");

    /**
     * Parses a message body.
     *
     * @param maxBytes the largest body accepted
     * @throws InvalidJobException when the body is not a valid job
     */
    public EmailJob parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new InvalidJobException("empty message body");
        }
        if (body.length > maxBytes) {
            throw new InvalidJobException("job of " + body.length + " bytes exceeds the limit of " + maxBytes);
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
            throw new InvalidJobException("message body is not UTF-8");
        } catch (JacksonException e) {
            throw new InvalidJobException("message body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidJobException("job is not a JSON object");
        }
        var to = required(root, "to", 254);
        if (!EMAIL.matcher(to).matches()) {
            throw new InvalidJobException("to: not one email address");
        }
        var subject = required(root, "subject", 200);
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new InvalidJobException("subject: more than one line");
        }
        var language = optional(root, "locale", 20);
        var locale = language != null && language.toLowerCase(Locale.ROOT).startsWith("ru")
                ? Locale.of("ru")
                : Locale.ENGLISH;
        return new EmailJob(
                required(root, "id", 200),
                to,
                subject,
                required(root, "text", 100_000),
                optional(root, "html", 200_000),
                locale);
    }

    private static String required(JsonNode node, String field, int maxLength) {
        var value = optional(node, field, maxLength);
        if (value == null || value.isBlank()) {
            throw new InvalidJobException(field + ": missing or blank");
        }
        return value;
    }

    private static String optional(JsonNode node, String field, int maxLength) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidJobException(field + ": not a string");
        }
        var text = value.stringValue();
        if (text.length() > maxLength) {
            throw new InvalidJobException(field + ": longer than " + maxLength + " characters");
        }
        return text;
    }
}
