package io.polyclinic.analytics.processor;

import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.schema.ContractSchemas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one record of {@code analytics.raw-events}: size, JSON, the {@link RawEvent} contract's schema (the tolerant
 * reading: fields a newer collector adds are ignored), then the record type. Anything else is {@link Rejected}, to be
 * dead-lettered.
 */
final class RawEventReader {

    /** A record read: the event, or why it is not one. */
    sealed interface Outcome permits Read, Rejected {}

    record Read(RawEvent event) implements Outcome {}

    record Rejected(String reason, String detail) implements Outcome {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxBytes;
    private final ContractSchemas schemas = ContractSchemas.forConsumers();

    RawEventReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Outcome read(byte[] value) {
        if (value == null || value.length == 0) {
            return new Rejected("malformed-json", "The record has no value.");
        }
        if (value.length > maxBytes) {
            return new Rejected("too-large", "The record has " + value.length + " bytes, more than " + maxBytes + ".");
        }
        try {
            var tree = JSON.readTree(value);
            if (tree == null || !tree.isObject()) {
                return new Rejected("malformed-json", "The record is no JSON object.");
            }
            var problems = schemas.problems(RawEvent.CONTRACT, tree);
            if (!problems.isEmpty()) {
                return new Rejected("schema", String.join("; ", problems));
            }
            return new Read(JSON.treeToValue(tree, RawEvent.class));
        } catch (JacksonException e) {
            return new Rejected("malformed-json", "The record is no valid JSON: " + e.getOriginalMessage());
        }
    }
}
