package io.polyclinic.notifier.contract;

import io.polyclinic.contracts.schema.ContractSchemas;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the notifier consumes through libs/contracts: a message body becomes a JSON document, the document is
 * checked against its contract's JSON Schema (the consumers' reading: fields a newer producer added are allowed,
 * everything else must conform; schemas compiled once), and only then mapped to the contract's record.
 */
@Component
public class ContractMessages {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ContractSchemas schemas = ContractSchemas.forConsumers();

    /**
     * Parses a message body.
     *
     * @param body the record value or message body, UTF-8 JSON
     * @param maxBytes the largest body accepted
     * @return the document, a JSON object
     * @throws InvalidMessageException when the body is empty, too large, not UTF-8, not JSON or not a JSON object
     */
    public JsonNode parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new InvalidMessageException("empty message");
        }
        if (body.length > maxBytes) {
            throw new InvalidMessageException("message of " + body.length + " bytes exceeds the limit of " + maxBytes);
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
            throw new InvalidMessageException("message is not UTF-8");
        } catch (JacksonException e) {
            throw new InvalidMessageException("message is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessageException("message is not a JSON object");
        }
        return root;
    }

    /**
     * Checks a document against its contract's schema and maps it to the contract's type.
     *
     * @param contract the event type or job contract whose schema applies
     * @param type the record to map to, e.g. {@code EventEnvelope<AppointmentEventData>} (see {@link #type})
     * @throws InvalidMessageException naming the problems when the document breaks the schema
     */
    public <T> T read(String contract, JsonNode document, JavaType type) {
        var problems = schemas.problems(contract, document);
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(contract + " breaks its schema: " + String.join("; ", problems));
        }
        try {
            return JSON.treeToValue(document, type);
        } catch (JacksonException e) {
            throw new InvalidMessageException(contract + " cannot be read: " + e.getOriginalMessage());
        }
    }

    /** The Jackson type of a class, or of a generic class with its type arguments. */
    public JavaType type(Class<?> raw, Class<?>... arguments) {
        return arguments.length == 0
                ? JSON.getTypeFactory().constructType(raw)
                : JSON.getTypeFactory().constructParametricType(raw, arguments);
    }
}
