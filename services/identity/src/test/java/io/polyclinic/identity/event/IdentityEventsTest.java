package io.polyclinic.identity.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Identity's events reach {@code identity.events} on the embedded Kafka broker, keyed by the user id. */
class IdentityEventsTest extends IdentityApiTest {

    private record Event(String key, String typeHeader, JsonNode value) {}

    /** The events about {@code userId}, once {@code expected} arrived (or after 60 s), in offset order. */
    private static List<Event> eventsAbout(UUID userId, int expected) {
        var found = new ArrayList<Event>();
        try (var consumer =
                KafkaTestConsumers.fromTheStart(EmbeddedKafkaServer.shared().bootstrapServers())) {
            consumer.subscribe(List.of("identity.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    if (userId.toString().equals(record.key())) {
                        var header = record.headers().lastHeader("type");
                        found.add(new Event(
                                record.key(),
                                header == null ? null : new String(header.value(), StandardCharsets.UTF_8),
                                JSON.readTree(record.value())));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void registrationAndARoleChangeArePublishedInOrderOnTheUsersKey() {
        var email = uniqueEmail();
        var userId = register(email);
        var changed = putJson(
                "/api/v1/admin/users/" + userId + "/roles",
                "{\"roles\":[\"PATIENT\",\"CLINIC_MANAGER\"]}",
                rootToken());
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

        var events = eventsAbout(userId, 3);

        assertThat(events)
                .extracting(Event::typeHeader)
                .containsExactly("UserRegistered", "UserRolesChanged", "UserTokensRevoked");
        var registered = events.get(0).value();
        assertThat(registered.get("source").asString()).isEqualTo("identity");
        assertThat(registered.get("version").asInt()).isEqualTo(1);
        assertThat(registered.get("type").asString()).isEqualTo("UserRegistered");
        assertThat(registered.get("data").get("userId").asString()).isEqualTo(userId.toString());
        assertThat(registered.get("data").get("email").asString()).isEqualTo(email);
        assertThat(registered.get("data").get("fullName").asString()).isEqualTo("Test User");
        var roles = new ArrayList<String>();
        events.get(1).value().get("data").get("roles").forEach(r -> roles.add(r.asString()));
        assertThat(roles).containsExactly("PATIENT", "CLINIC_MANAGER");
        var revoked = events.get(2).value().get("data");
        assertThat(revoked.get("userId").asString()).isEqualTo(userId.toString());
        assertThat(revoked.get("reason").asString()).isEqualTo("ROLES_CHANGED");
        var notBefore = Instant.parse(revoked.get("notBefore").asString());
        assertThat(notBefore).isEqualTo(notBefore.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void logoutAndSessionRevocationPublishSessionRevokedAndLogoutEverywhereUserTokensRevoked() throws Exception {
        var email = uniqueEmail();
        var first = registerAndLogin(email);
        var userId = UUID.fromString(
                SignedJWT.parse(first.text("accessToken")).getJWTClaimsSet().getSubject());
        var second = login(email, PASSWORD);
        var third = login(email, PASSWORD);
        var secondSession = sid(second.text("accessToken"));
        var thirdSession = sid(third.text("accessToken"));

        assertThat(post("/api/v1/auth/logout", second.text("accessToken")).status())
                .isEqualTo(204);
        assertThat(delete("/api/v1/auth/sessions/" + thirdSession, first.text("accessToken"))
                        .status())
                .isEqualTo(204);
        assertThat(post("/api/v1/auth/logout-all", first.text("accessToken")).status())
                .isEqualTo(204);

        var events = eventsAbout(userId, 5);

        assertThat(events)
                .extracting(Event::typeHeader)
                .containsExactly(
                        "UserRegistered", "SessionRevoked", "SessionRevoked", "SessionRevoked", "UserTokensRevoked");
        assertThat(events.get(1).value().get("data").get("sessionId").asString())
                .isEqualTo(secondSession);
        assertThat(events.get(1).value().get("data").get("reason").asString()).isEqualTo("LOGOUT");
        assertThat(events.get(2).value().get("data").get("sessionId").asString())
                .isEqualTo(thirdSession);
        assertThat(events.get(2).value().get("data").get("reason").asString()).isEqualTo("REVOKED_BY_USER");
        assertThat(events.get(3).value().get("data").get("sessionId").asString())
                .as("logout everywhere ends the remaining session by its id too")
                .isEqualTo(sid(first.text("accessToken")));
        assertThat(events.get(3).value().get("data").get("reason").asString()).isEqualTo("LOGOUT_ALL");
        assertThat(events.get(4).value().get("data").get("reason").asString()).isEqualTo("LOGOUT_ALL");
    }

    @Test
    void aReusedRefreshTokenPublishesSessionRevoked() throws Exception {
        var login = registerAndLogin(uniqueEmail());
        var userId = UUID.fromString(
                SignedJWT.parse(login.text("accessToken")).getJWTClaimsSet().getSubject());
        assertThat(refresh(login.text("refreshToken")).status()).isEqualTo(200);
        refresh(login.text("refreshToken")).assertProblem(401, "invalid-refresh-token");

        var events = eventsAbout(userId, 2);

        assertThat(events).extracting(Event::typeHeader).containsExactly("UserRegistered", "SessionRevoked");
        var data = events.get(1).value().get("data");
        assertThat(data.get("sessionId").asString()).isEqualTo(sid(login.text("accessToken")));
        assertThat(data.get("userId").asString()).isEqualTo(userId.toString());
        assertThat(data.get("reason").asString()).isEqualTo("REFRESH_TOKEN_REUSE");
    }

    private static String sid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void aRefusedRoleChangePublishesNothing() {
        var userId = register(uniqueEmail());
        var refused = putJson("/api/v1/admin/users/" + userId + "/roles", "{\"roles\":[\"WIZARD\"]}", rootToken());
        assertThat(refused.status()).isEqualTo(400);
        var later = putJson("/api/v1/admin/users/" + userId + "/roles", "{\"roles\":[\"ADMIN\"]}", rootToken());
        assertThat(later.status()).isEqualTo(200);

        var events = eventsAbout(userId, 3);

        assertThat(events)
                .extracting(Event::typeHeader)
                .containsExactly("UserRegistered", "UserRolesChanged", "UserTokensRevoked");
        assertThat(events.get(1).value().get("data").get("roles").get(0).asString())
                .isEqualTo("ADMIN");
    }
}
