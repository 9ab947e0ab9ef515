package io.polyclinic.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.jobs.EmailJob;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The schema files as the validator reads them: what passes, what breaks, and how the break is named. */
class ContractSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContractSchemas STRICT = ContractSchemas.forProducers();
    private static final ContractSchemas TOLERANT = ContractSchemas.forConsumers();

    private static ObjectNode booked() {
        var start = Instant.parse("2026-12-10T07:00:00Z");
        var data = new AppointmentEventData(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Anna Ivanova",
                UUID.randomUUID(),
                "Central",
                "Tverskaya 1",
                "Europe/Moscow",
                UUID.randomUUID(),
                "p@example.com",
                "ru",
                start,
                start.plusSeconds(1800),
                "BOOKED",
                null,
                null,
                null,
                null,
                null,
                null);
        var envelope = EventEnvelope.of(UUID.randomUUID(), EventTypes.APPOINTMENT_BOOKED, start, "booking", data);
        return (ObjectNode) JSON.valueToTree(envelope);
    }

    private static ObjectNode data(ObjectNode envelope) {
        return (ObjectNode) envelope.get("data");
    }

    private static ObjectNode job() {
        return (ObjectNode) JSON.valueToTree(
                new EmailJob("alert-42", "ops@clinic.example", "Traffic alert", "Traffic dropped.", null, "en"));
    }

    @Test
    void aDocumentAsTheRecordsSerializeItConforms() {
        assertThat(STRICT.problems(EventTypes.APPOINTMENT_BOOKED, booked())).isEmpty();
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, booked())).isEmpty();
        assertThat(STRICT.problems(EmailJob.CONTRACT, job())).isEmpty();
    }

    @Test
    void aBookingFromATrackedVisitCarriesItsSessionIdAndAnOlderEventWithoutTheFieldStillConforms() {
        var tracked = booked();
        data(tracked).put("trackerSessionId", "s_4f9a-2b");
        assertThat(STRICT.problems(EventTypes.APPOINTMENT_BOOKED, tracked)).isEmpty();

        var older = booked();
        data(older).remove("trackerSessionId");
        assertThat(STRICT.problems(EventTypes.APPOINTMENT_BOOKED, older)).isEmpty();
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, older)).isEmpty();

        var hostile = booked();
        data(hostile).put("trackerSessionId", "<script>alert(1)</script>");
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, hostile))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("$.data.trackerSessionId");
    }

    @Test
    void everyEventTypeAndTheEmailJobHaveACompiledSchema() {
        for (var type : EventTypes.ALL) {
            assertThat(STRICT.knows(type)).as(type).isTrue();
        }
        assertThat(STRICT.knows(EmailJob.CONTRACT)).isTrue();
        assertThat(STRICT.knows("AppointmentTeleported")).isFalse();
        assertThat(TOLERANT.knows(null)).isFalse();
        assertThatThrownBy(() -> STRICT.problems("AppointmentTeleported", booked()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingFieldAWrongTypeAndABadFormatAreEachNamedByTheirPath() {
        var missing = booked();
        data(missing).remove("patientEmail");
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, missing))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.data", "patientEmail");

        var wrongType = booked();
        data(wrongType).put("doctorName", 42);
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, wrongType))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.data.doctorName");

        var badUuid = booked();
        data(badUuid).put("appointmentId", "not-a-uuid");
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, badUuid))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.data.appointmentId");

        var badInstant = booked();
        data(badInstant).put("start", "tomorrow");
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, badInstant))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.data.start");

        var otherLanguage = booked();
        data(otherLanguage).put("locale", "de");
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, otherLanguage))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.data.locale");

        var newerVersion = booked();
        newerVersion.put("version", 2);
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, newerVersion))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("$.version");
    }

    @Test
    void anAddedFieldBreaksTheProducersContractButNotTheConsumersReading() {
        var added = booked();
        data(added).put("someFieldAddedLater", "x");
        added.put("extra", 1);
        assertThat(STRICT.problems(EventTypes.APPOINTMENT_BOOKED, added)).hasSize(2);
        assertThat(TOLERANT.problems(EventTypes.APPOINTMENT_BOOKED, added)).isEmpty();
    }

    @Test
    void checkThrowsWithTheContractAndTheProblems() {
        var broken = booked();
        data(broken).put("end", "later");
        assertThatThrownBy(() -> TOLERANT.check(EventTypes.APPOINTMENT_BOOKED, broken))
                .isInstanceOfSatisfying(ContractViolationException.class, e -> {
                    assertThat(e.contract()).isEqualTo(EventTypes.APPOINTMENT_BOOKED);
                    assertThat(e.problems()).hasSize(1);
                })
                .hasMessageStartingWith("AppointmentBooked breaks its schema: $.data.end");
    }

    @Test
    void anEmailJobMustHaveOneAddressAOneLineSubjectAndAText() {
        assertThat(problems(job().put("to", "Ops <ops@clinic.example>")))
                .singleElement()
                .asString()
                .contains("$.to");
        assertThat(problems(job().put("to", "a@b.example, c@d.example"))).hasSize(1);
        assertThat(problems(job().put("subject", "two\nlines")))
                .singleElement()
                .asString()
                .contains("$.subject");
        assertThat(problems(job().put("subject", "   "))).hasSize(1);
        assertThat(problems(job().put("subject", "x".repeat(201)))).hasSize(1);
        assertThat(problems(job().put("text", ""))).isNotEmpty().allMatch(p -> p.startsWith("$.text: "));
        assertThat(problems(job().put("locale", "de")))
                .singleElement()
                .asString()
                .contains("$.locale");
        var noText = job();
        noText.remove("text");
        assertThat(problems(noText)).singleElement().asString().contains("text");
        var minimal = job();
        minimal.remove("html");
        minimal.remove("locale");
        assertThat(problems(minimal)).isEmpty();
    }

    private static java.util.List<String> problems(JsonNode job) {
        return STRICT.problems(EmailJob.CONTRACT, job);
    }
}
