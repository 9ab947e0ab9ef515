package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The audit log holds personal data and answers admins only, so a logged-out admin's access token must stop working
 * here within seconds too: the audit service reads identity's revocations like every other service.
 */
class AuditRevocationTest extends AuditApiTest {

    @Test
    void anAdminsTokenIsRefusedWithinSecondsOnceTheirSessionIsRevoked() throws Exception {
        var admin = Ids.newId();
        var session = Ids.newId();
        var token = TestJwtIssuer.shared()
                .sessionToken(admin, session, Instant.now().truncatedTo(ChronoUnit.SECONDS), "ADMIN");
        assertThat(get("/api/v1/audit/records?size=1", token).status()).isEqualTo(200);

        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedKafkaServer.shared().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            var revoked = """
                    {"id":"%s","type":"SessionRevoked","occurredAt":"%s","source":"identity","version":1,\
                    "data":{"sessionId":"%s","userId":"%s","reason":"LOGOUT"}}""".formatted(UUID.randomUUID(), Instant.now(), session, admin);
            producer.send(new ProducerRecord<>("identity.events", admin.toString(), revoked))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        get("/api/v1/audit/records?size=1", token).status())
                .isEqualTo(401));
    }
}
