package io.polyclinic.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BookingEventParserTest {

    private final BookingEventParser parser = new BookingEventParser();

    private static final String GOOD = """
            {"id":"01936b2e-0000-7000-8000-000000000001","type":"AppointmentBooked",
             "occurredAt":"2026-12-01T10:00:00Z","source":"booking","version":1,"extra":{"x":1},
             "data":{"appointmentId":"01936b2e-0000-7000-8000-000000000002","doctorName":"Anna Ivanova",
              "clinicName":"Central","clinicAddress":null,"clinicTimeZone":"Europe/Moscow",
              "patientEmail":"p@example.com","locale":"ru-RU","start":"2026-12-10T07:00:00Z",
              "end":"2026-12-10T07:30:00+00:00","futureField":[1,2,3]}}""";

    private AppointmentEvent parse(String json) {
        var envelope = parser.envelope(json.getBytes(StandardCharsets.UTF_8), 65536);
        return parser.appointment(envelope, AppointmentEvent.Kind.BOOKED);
    }

    private void refused(String json, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aWellFormedEventIsReadAndUnknownFieldsAreIgnored() {
        var event = parse(GOOD);
        assertThat(event.doctorName()).isEqualTo("Anna Ivanova");
        assertThat(event.locale()).isEqualTo(Locale.of("ru"));
        assertThat(event.clinicAddress()).isEmpty();
        assertThat(event.end()).isEqualTo(Instant.parse("2026-12-10T07:30:00Z"));
    }

    @Test
    void anythingButRuIsEnglish() {
        assertThat(parse(GOOD.replace("\"ru-RU\"", "\"de\"")).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(parse(GOOD.replace("\"ru-RU\"", "null")).locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void malformedEventsAreRefusedWithTheReason() {
        refused("not json", "not JSON");
        refused("[1,2]", "not a JSON object");
        refused(GOOD.replace("\"version\":1", "\"version\":\"1\""), "version: missing or not an integer");
        refused(GOOD.replace("\"version\":1", "\"version\":3"), "version: 3 is not supported");
        refused(
                GOOD.replace("\"appointmentId\":\"01936b2e-0000-7000-8000-000000000002\"", "\"appointmentId\":\"x\""),
                "appointmentId: not a UUID");
        refused(GOOD.replace("\"p@example.com\"", "\"nobody\""), "patientEmail: not an email address");
        refused(GOOD.replace("\"Europe/Moscow\"", "\"Mars/Olympus\""), "clinicTimeZone: not a time zone");
        refused(GOOD.replace("\"2026-12-10T07:30:00+00:00\"", "\"2026-12-10T06:00:00Z\""), "end: not after");
        refused(GOOD.replace("\"Anna Ivanova\"", "42"), "doctorName: not a string");
        refused(GOOD.replace("\"Anna Ivanova\"", "\"" + "x".repeat(1001) + "\""), "doctorName: longer than");
        refused(GOOD.replace("\"start\":\"2026-12-10T07:00:00Z\"", "\"start\":\"tomorrow\""), "start: not an ISO");
    }

    @Test
    void bytesThatAreNotUtf8OrTooManyAreRefused() {
        assertThatThrownBy(() -> parser.envelope(new byte[] {(byte) 0xC3, (byte) 0x28}, 65536))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> parser.envelope(GOOD.getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("exceeds the limit");
        assertThatThrownBy(() -> parser.envelope(new byte[0], 100))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
    }
}
