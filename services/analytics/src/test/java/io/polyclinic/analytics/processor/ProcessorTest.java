package io.polyclinic.analytics.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.AnalyticsTest;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The processor of {@code analytics.raw-events}: enrichment, idempotency, dead letters. */
class ProcessorTest extends AnalyticsTest {

    @Test
    void storesTheEnrichedEventAndNothingThatIdentifiesAPerson() throws Exception {
        var site = newSite("UTC");
        var siteId = site.get("id").asString();
        var event = rawEvent(
                site.get("trackingId").asString(),
                "pageview",
                "https://clinic.example/doctors?utm_source=Newsletter&utm_medium=email&utm_campaign=winter",
                Instant.now());
        event.put("referrer", "https://www.google.com/search?q=clinic");

        publish(event);
        awaitStored(siteId, 1);

        var row = jdbc.sql("select * from events where site_id = ?::uuid")
                .param(siteId)
                .query()
                .singleRow();
        assertThat(row.get("path")).isEqualTo("/doctors");
        assertThat(row.get("hostname")).isEqualTo("clinic.example");
        assertThat(row.get("referrer_host")).isEqualTo("google.com");
        assertThat(row.get("referrer_source")).isEqualTo("Newsletter");
        assertThat(row.get("utm_medium")).isEqualTo("email");
        assertThat(row.get("utm_campaign")).isEqualTo("winter");
        assertThat(row.get("browser")).isEqualTo("Chrome");
        assertThat(row.get("os")).isEqualTo("Windows NT");
        assertThat(row.get("device")).isEqualTo("Desktop");
        assertThat(row.get("country")).isEqualTo("unknown");
        assertThat(row.get("session_id")).isNotNull();
        var personal = jdbc.sql(
                        "select count(*) from events e where e::text like '%203.0.113.7%' or e::text like '%Mozilla%'")
                .query(Long.class)
                .single();
        assertThat(personal).isZero();
        var sessions = jdbc.sql(
                        "select count(*) from sessions s where s::text like '%203.0.113.7%' or s::text like '%Mozilla%'")
                .query(Long.class)
                .single();
        assertThat(sessions).isZero();
    }

    @Test
    void aRedeliveredEventIsStoredAndCountedOnce() throws Exception {
        var site = newSite("UTC");
        var siteId = site.get("id").asString();
        var trackingId = site.get("trackingId").asString();
        var at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var first = rawEvent(trackingId, "pageview", "https://clinic.example/", at);
        var second = rawEvent(trackingId, "pageview", "https://clinic.example/about", at.plusSeconds(5));

        publish(first);
        publish(first);
        publish(second);
        awaitStored(siteId, 2);

        assertThat(jdbc.sql("select count(*) from events where event_id = ?::uuid")
                        .param(first.get("eventId"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            var day =
                    at.truncatedTo(ChronoUnit.DAYS).toString().replace("T", " ").replace("Z", "");
            assertThat(rollup(siteId, "day", day, "total", "")).containsEntry("pageviews", 2L);
        });
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndTheNextGoodOneIsStored() throws Exception {
        var site = newSite("UTC");
        var siteId = site.get("id").asString();
        var trackingId = site.get("trackingId").asString();
        var wrongType = rawEvent(trackingId, "pageview", "https://clinic.example/", Instant.now());
        wrongType.put("type", "<script>");
        var unknownSite = rawEvent("NoSuchSite123", "pageview", "https://clinic.example/", Instant.now());
        var expired = rawEvent(
                trackingId, "pageview", "https://clinic.example/", Instant.now().minus(Duration.ofDays(400)));
        var good = rawEvent(trackingId, "pageview", "https://clinic.example/after", Instant.now());

        publish(trackingId, new byte[] {(byte) 0xff, 0x00, 0x13, 0x37});
        publish(trackingId, "{\"version\":1,".getBytes(StandardCharsets.UTF_8));
        publish(wrongType);
        publish(trackingId, JSON.writeValueAsBytes(unknownSite));
        publish(expired);
        publish(good);

        awaitStored(siteId, 1);
        assertThat(jdbc.sql("select path from events where site_id = ?::uuid")
                        .param(siteId)
                        .query(String.class)
                        .single())
                .isEqualTo("/after");
        var reasons = deadLetterReasons(trackingId, 5);
        assertThat(reasons).containsExactly("malformed-json", "malformed-json", "schema", "unknown-site", "expired");
    }

    /** The reason headers of the dead letters with this key, in order, once there are {@code count}. */
    private static List<String> deadLetterReasons(String key, int count) {
        var reasons = new ArrayList<String>();
        try (var consumer = KafkaTestConsumers.fromTheStart(
                EmbeddedKafkaServer.shared().bootstrapServers(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("analytics.raw-events.dlt"));
            Awaitility.await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        var header = record.headers().lastHeader(RawEventListener.REASON_HEADER);
                        reasons.add(new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() >= count;
            });
        }
        return reasons;
    }
}
