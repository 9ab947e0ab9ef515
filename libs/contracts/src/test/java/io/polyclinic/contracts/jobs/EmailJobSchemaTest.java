package io.polyclinic.contracts.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The record and the schema file describe the same job: a producer may build the record, a consumer read it. */
class EmailJobSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSchemaHasExactlyTheFieldsOfTheRecordAndRequiresAllButHtmlAndLocale() throws IOException {
        try (var in = EmailJobSchemaTest.class.getResourceAsStream("/jobs/EmailJob.schema.json")) {
            var schema = JSON.readTree(in);
            var components = Arrays.stream(EmailJob.class.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(schema.get("properties").propertyNames()).containsExactlyElementsOf(components);
            assertThat(schema.get("required").values())
                    .extracting(n -> n.asString())
                    .containsExactly("id", "to", "subject", "text");
            assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        }
    }

    @Test
    void aSerializedJobHasTheFieldNamesOfTheSchema() {
        var json = JSON.valueToTree(new EmailJob("j-1", "a@b.example", "S", "T", null, null));
        assertThat(json.propertyNames()).containsExactly("id", "to", "subject", "text", "html", "locale");
    }
}
