package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyclinic.platform.security.revocation.RevocationEventListener;
import io.polyclinic.platform.security.revocation.RevocationProperties;
import io.polyclinic.platform.security.revocation.RevokedTokens;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Revocation over a real Kafka broker: the platform's test service reads revocation events from a topic of its own
 * and refuses the tokens they name, as every service does with identity's.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.security.revocation.enabled=true",
            "polyclinic.security.revocation.topic=" + RevocationTest.TOPIC
        })
@ContextConfiguration(initializers = {TestJwtIssuer.Initializer.class, EmbeddedKafkaInitializer.class})
class RevocationTest {

    static final String TOPIC = "revocation-test.events";

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    EmbeddedKafkaServer.shared().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    @LocalServerPort
    int port;

    @Autowired
    RevocationProperties properties;

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void aTokenOfARevokedSessionIsRefusedWithinSecondsWhileAnotherSessionOfTheUserKeepsWorking() {
        var user = UUID.randomUUID();
        var revoked = UUID.randomUUID();
        var kept = UUID.randomUUID();
        var revokedToken = ISSUER.sessionToken(user, revoked, Instant.now(), "PATIENT");
        var keptToken = ISSUER.sessionToken(user, kept, Instant.now(), "PATIENT");
        assertThat(status(revokedToken)).isEqualTo(200);

        publish(user, sessionRevoked(revoked, user));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(status(revokedToken)).isEqualTo(401));
        assertThat(get(revokedToken).body()).contains("urn:polyclinic:problem:invalid-token");
        assertThat(status(keptToken)).isEqualTo(200);
    }

    @Test
    void tokensIssuedBeforeTheUsersNotBeforeAreRefusedAndTokensIssuedAtOrAfterItWork() {
        var user = UUID.randomUUID();
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var older = ISSUER.sessionToken(user, UUID.randomUUID(), now.minusSeconds(30), "PATIENT");
        var newer = ISSUER.sessionToken(user, UUID.randomUUID(), now, "PATIENT");
        var otherUser = ISSUER.sessionToken(UUID.randomUUID(), UUID.randomUUID(), now.minusSeconds(30), "PATIENT");

        publish(user, userTokensRevoked(user, now));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(status(older)).isEqualTo(401));
        assertThat(status(newer)).isEqualTo(200);
        assertThat(status(otherUser)).isEqualTo(200);
    }

    @Test
    void garbageAndUnknownRecordsAreSkippedAndTheRevocationsAfterThemStillApply() {
        var user = UUID.randomUUID();
        var session = UUID.randomUUID();
        var token = ISSUER.sessionToken(user, session, Instant.now(), "PATIENT");
        var key = user.toString();
        for (var garbage : new String[] {
            "not json at all",
            "{}",
            "[1,2,3]",
            "{\"type\":\"SessionRevoked\",\"occurredAt\":\"yesterday\",\"data\":{\"sessionId\":\"nope\"}}",
            "{\"type\":\"UserTokensRevoked\",\"data\":{\"userId\":\"" + user + "\",\"notBefore\":42}}",
            "{\"type\":\"UserRegistered\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"data\":{}}",
            null
        }) {
            PRODUCER.send(new ProducerRecord<>(TOPIC, key, garbage));
        }

        publish(user, sessionRevoked(session, user));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(status(token)).isEqualTo(401));
    }

    @Test
    void aServiceStartingLaterReplaysTheRecentRevocationsBeforeItCountsAsCaughtUp() {
        var user = UUID.randomUUID();
        var session = UUID.randomUUID();
        publish(user, sessionRevoked(session, user));
        PRODUCER.flush();

        var tokens = new RevokedTokens(properties.retention(), Clock.systemUTC());
        var listener = new RevocationEventListener(
                () -> new KafkaConsumer<>(
                        Map.of("bootstrap.servers", EmbeddedKafkaServer.shared().bootstrapServers()),
                        new StringDeserializer(),
                        new StringDeserializer()),
                tokens,
                properties,
                Clock.systemUTC());
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(listener::isCaughtUp);
            assertThat(tokens.isRevoked(session.toString(), user.toString(), Instant.now()))
                    .isTrue();
        } finally {
            listener.stop();
        }
    }

    @Test
    void theServiceIsReadyOnceTheInitialReplayHasCaughtUp() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness")))
                                .statusCode())
                        .isEqualTo(200));
    }

    private static String sessionRevoked(UUID session, UUID user) {
        return envelope("SessionRevoked", """
                {"sessionId":"%s","userId":"%s","reason":"LOGOUT"}""".formatted(session, user));
    }

    private static String userTokensRevoked(UUID user, Instant notBefore) {
        return envelope("UserTokensRevoked", """
                {"userId":"%s","notBefore":"%s","reason":"ROLES_CHANGED"}""".formatted(user, notBefore));
    }

    private static String envelope(String type, String data) {
        return """
                {"id":"%s","type":"%s","occurredAt":"%s","source":"identity","version":1,"data":%s}""".formatted(UUID.randomUUID(), type, Instant.now(), data);
    }

    private static void publish(UUID user, String event) {
        PRODUCER.send(new ProducerRecord<>(TOPIC, user.toString(), event));
        PRODUCER.flush();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String token) {
        return send(
                HttpRequest.newBuilder(uri("/things/" + UUID.randomUUID())).header("Authorization", "Bearer " + token));
    }

    private int status(String token) {
        return get(token).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
