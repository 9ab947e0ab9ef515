package io.polyclinic.contracts.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.schema.ContractSchemas;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The analytics records and their schema files describe the same messages, and the schemas refuse what they must. */
class AnalyticsSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContractSchemas STRICT = ContractSchemas.forProducers();

    static RawEvent event() {
        return new RawEvent(
                RawEvent.VERSION,
                "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                "pk_abc123",
                RawEvent.PAGEVIEW,
                "pageview",
                "https://clinic.example/doctors?q=1",
                "https://www.google.com/",
                Map.of("plan", "gold"),
                new RawEvent.Revenue("1500.00", "RUB"),
                Instant.parse("2026-12-02T10:00:00.123Z"),
                Instant.parse("2026-12-02T10:00:00Z"),
                "203.0.113.7",
                "Mozilla/5.0 (X11; Linux x86_64)",
                1280,
                "k3j2h4g5f6d7");
    }

    private static ObjectNode eventNode() {
        return (ObjectNode) JSON.valueToTree(event());
    }

    @Test
    void schemaFieldsAreTheRecordsFields() throws IOException {
        assertFieldsMatch("/analytics/RawEvent.schema.json", RawEvent.class);
        assertFieldsMatch("/analytics/SiteRecord.schema.json", SiteRecord.class);
    }

    @Test
    void serializedRecordsConform() {
        assertThat(STRICT.problems(RawEvent.CONTRACT, eventNode())).isEmpty();
        var minimal = new RawEvent(
                1,
                "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                "s",
                "custom",
                "Signup",
                "http://localhost:8089/",
                null,
                Map.of(),
                null,
                Instant.now(),
                null,
                null,
                null,
                null,
                null);
        assertThat(STRICT.problems(RawEvent.CONTRACT, JSON.valueToTree(minimal)))
                .isEmpty();
        var site = new SiteRecord(1, "pk_abc123", List.of("clinic.example", "www.clinic.example"), "UTC", true);
        assertThat(STRICT.problems(SiteRecord.CONTRACT, JSON.valueToTree(site))).isEmpty();
    }

    @Test
    void theEventSchemaRefusesAnUnknownTypeControlCharactersAndTooManyProps() {
        var type = eventNode().put("type", "session_start");
        assertThat(STRICT.problems(RawEvent.CONTRACT, type)).anyMatch(p -> p.startsWith("$.type"));
        var control = eventNode().put("url", "https://clinic.example/\u0007");
        assertThat(STRICT.problems(RawEvent.CONTRACT, control)).anyMatch(p -> p.startsWith("$.url"));
        var script = eventNode().put("url", "javascript:alert(1)");
        assertThat(STRICT.problems(RawEvent.CONTRACT, script)).anyMatch(p -> p.startsWith("$.url"));
        var props = eventNode();
        var many = props.putObject("props");
        for (int i = 0; i <= RawEvent.MAX_PROPS; i++) {
            many.put("k" + i, "v");
        }
        assertThat(STRICT.problems(RawEvent.CONTRACT, props)).anyMatch(p -> p.startsWith("$.props"));
        var revenue = eventNode();
        ((ObjectNode) revenue.get("revenue")).put("currency", "rub");
        assertThat(STRICT.problems(RawEvent.CONTRACT, revenue)).anyMatch(p -> p.startsWith("$.revenue"));
    }

    @Test
    void theSiteSchemaRefusesADomainWithASchemeAndAnEmptyList() {
        var site = (ObjectNode) JSON.valueToTree(new SiteRecord(1, "pk", List.of("https://x.example"), "UTC", true));
        assertThat(STRICT.problems(SiteRecord.CONTRACT, site)).anyMatch(p -> p.startsWith("$.domains"));
        var none = (ObjectNode) JSON.valueToTree(new SiteRecord(1, "pk", List.of(), "UTC", true));
        assertThat(STRICT.problems(SiteRecord.CONTRACT, none)).anyMatch(p -> p.startsWith("$.domains"));
    }

    private static void assertFieldsMatch(String resource, Class<? extends Record> type) throws IOException {
        try (var in = AnalyticsSchemasTest.class.getResourceAsStream(resource)) {
            var schema = JSON.readTree(in);
            var components = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(schema.get("properties").propertyNames()).containsExactlyElementsOf(components);
            assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        }
    }
}
