package io.polyclinic.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 5545 3.3.11 text in the invitation: escaped in the file, the same text when a calendar reads it back. */
class CalendarInviteTest {

    private static String ics(String summary, String location) {
        var start = Instant.parse("2026-12-01T10:00:00Z");
        return CalendarInvite.of(
                CalendarInvite.REQUEST,
                UUID.randomUUID(),
                0,
                start,
                start.plusSeconds(1800),
                summary,
                location,
                "Polyclinic; Central, \\ North",
                "no-reply@polyclinic.local",
                "patient@example.com");
    }

    @Test
    void separatorsBackslashesAndLineBreaksAreEscapedAndReadBackUnchanged() {
        var summary = "Dr. O'Neil; Jr., \\MD\nsecond line";
        var location = "A;B,C\nNew line \\ backslash, Street 1";

        var text = ics(summary, location);

        var event = Biweekly.parse(text).first().getEvents().getFirst();
        assertThat(event.getSummary().getValue()).isEqualTo(summary);
        assertThat(event.getLocation().getValue()).isEqualTo(location);
        assertThat(event.getOrganizer().getCommonName()).isEqualTo("Polyclinic; Central, \\ North");
        var unfolded = text.replace("\r\n ", "");
        assertThat(unfolded).contains("LOCATION:A\\;B\\,C\\nNew line \\\\ backslash\\, Street 1");
    }

    @Test
    void aCarriageReturnNeverBreaksAContentLine() {
        var text = ics("Dr. A\r\nB\rC", "Clinic\r");

        for (var line : text.split("\r\n")) {
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
        }
        var event = Biweekly.parse(text).first().getEvents().getFirst();
        assertThat(event.getSummary().getValue()).isEqualTo("Dr. A\nB\nC");
        assertThat(event.getLocation().getValue()).isEqualTo("Clinic\n");
    }
}
