package io.polyclinic.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The records and the JSON Schema files describe the same documents: a consumer may trust either. */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Object[]> types() {
        return List.of(
                new Object[] {EventTypes.APPOINTMENT_BOOKED, AppointmentEventData.class},
                new Object[] {EventTypes.APPOINTMENT_CANCELLED, AppointmentEventData.class},
                new Object[] {EventTypes.APPOINTMENT_RESCHEDULED, AppointmentEventData.class},
                new Object[] {EventTypes.APPOINTMENT_COMPLETED, AppointmentEventData.class},
                new Object[] {EventTypes.DOCTOR_REGISTERED, DoctorEventData.class},
                new Object[] {EventTypes.DOCTOR_UPDATED, DoctorEventData.class},
                new Object[] {EventTypes.REVIEW_POSTED, ReviewPostedData.class},
                new Object[] {EventTypes.USER_REGISTERED, UserRegisteredData.class},
                new Object[] {EventTypes.USER_ROLES_CHANGED, UserRolesChangedData.class},
                new Object[] {EventTypes.SESSION_REVOKED, SessionRevokedData.class},
                new Object[] {EventTypes.USER_TOKENS_REVOKED, UserTokensRevokedData.class});
    }

    @ParameterizedTest
    @MethodSource("types")
    void theSchemaRequiresExactlyTheFieldsOfTheRecordButTheOptionalOnes(String type, Class<? extends Record> data)
            throws IOException {
        var schema = schema(type);
        assertThat(schema.get("properties").get("type").get("const").asString()).isEqualTo(type);
        assertThat(names(schema.get("required")))
                .containsExactlyInAnyOrder("id", "type", "occurredAt", "source", "version", "data");
        var components = Arrays.stream(data.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
        var dataSchema = schema.get("properties").get("data");
        var optional = data == AppointmentEventData.class ? AppointmentEventData.OPTIONAL_FIELDS : List.<String>of();
        assertThat(names(dataSchema.get("required")))
                .containsExactlyElementsOf(
                        components.stream().filter(c -> !optional.contains(c)).toList());
        assertThat(dataSchema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(components);
    }

    @ParameterizedTest
    @MethodSource("types")
    void aSerializedEnvelopeHasTheEnvelopeFieldsOfTheSchema(String type, Class<? extends Record> data)
            throws IOException {
        var envelope = EventEnvelope.of(
                UUID.randomUUID(), type, Instant.parse("2026-12-01T10:00:00.123Z"), "booking", Map.of());
        var json = JSON.readTree(JSON.writeValueAsString(envelope));
        assertThat(json.propertyNames())
                .containsExactlyInAnyOrderElementsOf(names(schema(type).get("required")));
        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-12-01T10:00:00.123Z");
        assertThat(json.get("version").asInt()).isEqualTo(1);
    }

    private static JsonNode schema(String type) throws IOException {
        try (var in = EventSchemasTest.class.getResourceAsStream("/events/" + type + ".schema.json")) {
            assertThat(in).as("events/" + type + ".schema.json").isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> names(JsonNode array) {
        var names = new ArrayList<String>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }
}
