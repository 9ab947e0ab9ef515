package io.polyclinic.contracts.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.analytics.SiteRecord;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.jobs.EmailJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of the published contracts, compiled once, and the check of a document against them: every event
 * type of {@link EventTypes} ({@code events/<type>.schema.json}), the {@link EmailJob}
 * ({@code jobs/EmailJob.schema.json}) and the web-analytics records {@link RawEvent} and {@link SiteRecord}
 * ({@code analytics/<contract>.schema.json}). Formats ({@code uuid}, {@code date-time}) are asserted, not just annotated.
 *
 * <p>Two readings of the same files (decision 0035):
 *
 * <ul>
 *   <li>{@link #forProducers()}: exactly as written: a producer sends the documented fields and no others;
 *   <li>{@link #forConsumers()}: the tolerant reader: every {@code "additionalProperties": false} is dropped, so a
 *       field a newer producer added does not break an older consumer; everything else (required fields, types,
 *       formats, enums, constants such as {@code version}) is checked.
 * </ul>
 *
 * Instances are immutable and thread-safe; a check costs one walk over the document.
 */
public final class ContractSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PROBLEMS = 5;

    private final Map<String, Schema> schemas;

    private ContractSchemas(boolean tolerant) {
        var config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .build();
        // One registry per reading: both readings share the schemas' $ids.
        var registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        var compiled = new LinkedHashMap<String, Schema>();
        for (var type : EventTypes.ALL) {
            compiled.put(type, compile(registry, "/events/" + type + ".schema.json", tolerant));
        }
        compiled.put(EmailJob.CONTRACT, compile(registry, "/jobs/" + EmailJob.CONTRACT + ".schema.json", tolerant));
        for (var contract : List.of(RawEvent.CONTRACT, SiteRecord.CONTRACT)) {
            compiled.put(contract, compile(registry, "/analytics/" + contract + ".schema.json", tolerant));
        }
        this.schemas = Map.copyOf(compiled);
    }

    /** The strict reading, for producers' contract tests. */
    public static ContractSchemas forProducers() {
        return Strict.INSTANCE;
    }

    /** The tolerant reading (unknown fields allowed), for consumers checking what they receive. */
    public static ContractSchemas forConsumers() {
        return Tolerant.INSTANCE;
    }

    /** Whether a schema exists for the contract: an event type, {@link EmailJob#CONTRACT} or an analytics record. */
    public boolean knows(String contract) {
        return contract != null && schemas.containsKey(contract);
    }

    /**
     * Checks a document against its contract's schema.
     *
     * @param contract an event type of {@link EventTypes}, {@link EmailJob#CONTRACT}, {@link RawEvent#CONTRACT} or
     *     {@link SiteRecord#CONTRACT}
     * @param document the whole document: for an event, the envelope
     * @return the first few problems, each {@code "<JSON path>: <what is wrong>"}, e.g.
     *     {@code "$.data: required property 'patientEmail' not found"}; empty when the document conforms
     * @throws IllegalArgumentException for a contract without a schema
     */
    public List<String> problems(String contract, JsonNode document) {
        var schema = schemas.get(contract);
        if (schema == null) {
            throw new IllegalArgumentException("No schema for " + contract);
        }
        var problems = new ArrayList<String>();
        for (var error : schema.validate(document)) {
            if (problems.size() == MAX_PROBLEMS) {
                break;
            }
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return problems;
    }

    /**
     * Checks a document against its contract's schema.
     *
     * @throws ContractViolationException naming the problems when it does not conform
     * @throws IllegalArgumentException for a contract without a schema
     */
    public void check(String contract, JsonNode document) {
        var problems = problems(contract, document);
        if (!problems.isEmpty()) {
            throw new ContractViolationException(contract, problems);
        }
    }

    private static Schema compile(SchemaRegistry registry, String resource, boolean tolerant) {
        JsonNode node;
        try (var in = ContractSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema resource " + resource);
            }
            node = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tolerant) {
            allowAdditionalProperties(node);
        }
        var schema = registry.getSchema(node);
        schema.initializeValidators();
        return schema;
    }

    /** Drops every {@code "additionalProperties": false}, at any depth. */
    private static void allowAdditionalProperties(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                object.remove("additionalProperties");
            }
        }
        for (var child : node) {
            allowAdditionalProperties(child);
        }
    }

    private static final class Strict {
        static final ContractSchemas INSTANCE = new ContractSchemas(false);
    }

    private static final class Tolerant {
        static final ContractSchemas INSTANCE = new ContractSchemas(true);
    }
}
