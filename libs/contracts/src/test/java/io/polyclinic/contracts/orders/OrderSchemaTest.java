package io.polyclinic.contracts.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The order's records, its JSON Schema and the reference sample describe the same document. */
class OrderSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @Test
    void theReferenceSampleIsValidByTheSchema() throws IOException {
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(new java.io.ByteArrayInputStream(resource(Order.SCHEMA_RESOURCE)));

        assertThat(schema.validate(JSON.readTree(resource(Order.SAMPLE_RESOURCE))))
                .isEmpty();
    }

    @Test
    void theSchemaRequiresExactlyTheFieldsOfTheRecords() throws IOException {
        var schema = JSON.readTree(resource(Order.SCHEMA_RESOURCE));
        var properties = schema.get("properties");

        assertThat(names(schema.get("required"))).containsExactlyElementsOf(wireNames(Order.class));
        assertThat(names(properties.get("delivery").get("required")))
                .containsExactlyElementsOf(wireNames(Delivery.class));
        assertThat(names(properties.get("payment").get("required")))
                .containsExactlyElementsOf(wireNames(Payment.class));
        assertThat(names(properties.get("items").get("items").get("required")))
                .containsExactlyElementsOf(wireNames(Item.class));
    }

    @Test
    void theSampleReadIntoTheRecordsIsWrittenBackAsItWas() throws IOException {
        var sample = JSON.readTree(resource(Order.SAMPLE_RESOURCE));

        var order = JSON.treeToValue(sample, Order.class);

        assertThat(JSON.readTree(JSON.writeValueAsBytes(order))).isEqualTo(sample);
    }

    private static List<String> wireNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(component -> component
                        .getAccessor()
                        .getAnnotation(JsonProperty.class)
                        .value())
                .toList();
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = Order.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
