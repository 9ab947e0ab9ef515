package io.polyclinic.notifier.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.jobs.EmailJob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractMessagesTest {

    private final ContractMessages messages = new ContractMessages();

    private static final String GOOD = """
            {"id":"01936b2e-0000-7000-8000-000000000001","type":"AppointmentBooked",
             "occurredAt":"2026-12-01T10:00:00Z","source":"booking","version":1,"extra":{"x":1},
             "data":{"appointmentId":"01936b2e-0000-7000-8000-000000000002",
              "slotId":"01936b2e-0000-7000-8000-000000000003","doctorId":"01936b2e-0000-7000-8000-000000000004",
              "doctorName":"Anna Ivanova","clinicId":"01936b2e-0000-7000-8000-000000000005","clinicName":"Central",
              "clinicAddress":"Tverskaya 1","clinicTimeZone":"Europe/Moscow",
              "patientId":"01936b2e-0000-7000-8000-000000000006","patientEmail":"p@example.com","locale":"ru",
              "start":"2026-12-10T07:00:00Z","end":"2026-12-10T07:30:00+00:00","status":"BOOKED",
              "cancelReason":null,"cancelledBy":null,"previousSlotId":null,"previousStart":null,"previousEnd":null,
              "futureField":[1,2,3]}}""";

    private EventEnvelope<AppointmentEventData> read(String json) {
        var document = messages.parse(json.getBytes(StandardCharsets.UTF_8), 65536);
        return messages.read(
                "AppointmentBooked", document, messages.type(EventEnvelope.class, AppointmentEventData.class));
    }

    private void refused(String json, String... reason) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("AppointmentBooked breaks its schema")
                .hasMessageContainingAll(reason);
    }

    @Test
    void anEventIsReadIntoTheContractsRecordsAndFieldsAddedLaterAreIgnored() {
        var event = read(GOOD);
        assertThat(event.id()).isEqualTo(UUID.fromString("01936b2e-0000-7000-8000-000000000001"));
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.data().doctorName()).isEqualTo("Anna Ivanova");
        assertThat(event.data().locale()).isEqualTo("ru");
        assertThat(event.data().end()).isEqualTo(Instant.parse("2026-12-10T07:30:00Z"));
        assertThat(event.data().previousStart()).isNull();
    }

    @Test
    void anEventThatBreaksItsSchemaIsRefusedNamingTheField() {
        refused(GOOD.replace("\"version\":1", "\"version\":\"1\""), "$.version");
        refused(
                GOOD.replace("\"appointmentId\":\"01936b2e-0000-7000-8000-000000000002\"", "\"appointmentId\":\"x\""),
                "$.data.appointmentId");
        refused(GOOD.replace("\"Anna Ivanova\"", "42"), "$.data.doctorName");
        refused(GOOD.replace("\"start\":\"2026-12-10T07:00:00Z\"", "\"start\":\"tomorrow\""), "$.data.start");
        refused(GOOD.replace("\"locale\":\"ru\"", "\"locale\":\"de\""), "$.data.locale");
        refused(GOOD.replace("\"patientEmail\"", "\"patientMail\""), "$.data", "patientEmail");
        refused(GOOD.replace("\"status\":\"BOOKED\"", "\"status\":\"LOST\""), "$.data.status");
    }

    @Test
    void anEmailJobIsReadAndOneThatBreaksItsSchemaIsRefused() {
        var job = messages.read(
                EmailJob.CONTRACT,
                messages.parse(
                        "{\"id\":\"a-1\",\"to\":\"ops@clinic.example\",\"subject\":\"S\",\"text\":\"T\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        1024),
                messages.type(EmailJob.class));
        assertThat(job).isEqualTo(new EmailJob("a-1", "ops@clinic.example", "S", "T", null, null));

        assertThatThrownBy(() -> messages.read(
                        EmailJob.CONTRACT,
                        messages.parse(
                                "{\"id\":\"a-2\",\"to\":\"ops@clinic.example\"}".getBytes(StandardCharsets.UTF_8),
                                1024),
                        messages.type(EmailJob.class)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContainingAll("EmailJob breaks its schema", "subject", "text");
    }

    @Test
    void bodiesThatAreNotOneUtf8JsonObjectWithinTheLimitAreRefused() {
        assertThatThrownBy(() -> messages.parse(new byte[] {(byte) 0xC3, (byte) 0x28}, 65536))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> messages.parse(GOOD.getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("exceeds the limit");
        assertThatThrownBy(() -> messages.parse(new byte[0], 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> messages.parse("not json".getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> messages.parse("[1,2]".getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not a JSON object");
    }
}
