package io.polyclinic.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Logout, logout everywhere, session revocation, refresh-token reuse and role changes take effect within seconds at
 * every service that checks revocations: identity publishes the revocation through its outbox to
 * {@code identity.events} on the embedded Kafka broker, and the platform's check (here identity's own, the same code
 * every service runs) refuses the access token long before it expires.
 */
class RevocationApiTest extends IdentityApiTest {

    /** Wins over the base class's inlined properties, which turn revocation off for the other API tests. */
    @DynamicPropertySource
    static void revocationOn(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.security.revocation.enabled", () -> "true");
    }

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Test
    void afterLogoutTheSessionsAccessTokenIsRefusedWithinSecondsWhileAnotherSessionKeepsWorking() {
        var email = uniqueEmail();
        var phone = registerAndLogin(email).text("accessToken");
        var laptop = login(email, PASSWORD).text("accessToken");
        assertThat(me(phone)).isEqualTo(200);

        assertThat(post("/api/v1/auth/logout", phone).status()).isEqualTo(204);

        awaitRefused(phone);
        get("/api/v1/users/me", phone).assertProblem(401, "invalid-token");
        assertThat(me(laptop)).isEqualTo(200);
    }

    @Test
    void afterLogoutEverywhereEveryAccessTokenOfTheUserIsRefusedButANewLoginWorks() throws Exception {
        var email = uniqueEmail();
        var first = registerAndLogin(email).text("accessToken");
        var second = login(email, PASSWORD).text("accessToken");
        var someoneElse = registerAndLogin(uniqueEmail()).text("accessToken");
        awaitTheSecondAfterTheIssueOf(second);

        assertThat(post("/api/v1/auth/logout-all", first).status()).isEqualTo(204);

        awaitRefused(first);
        awaitRefused(second);
        assertThat(me(someoneElse)).isEqualTo(200);
        var fresh = login(email, PASSWORD);
        assertThat(me(fresh.text("accessToken"))).isEqualTo(200);
    }

    @Test
    void aRevokedSessionsAccessTokenIsRefusedWithinSeconds() throws Exception {
        var email = uniqueEmail();
        var kept = registerAndLogin(email).text("accessToken");
        var revoked = login(email, PASSWORD).text("accessToken");

        assertThat(delete("/api/v1/auth/sessions/" + sid(revoked), kept).status())
                .isEqualTo(204);

        awaitRefused(revoked);
        assertThat(me(kept)).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenRevokesTheSessionsAccessTokensWithinSeconds() {
        var login = registerAndLogin(uniqueEmail());
        var legitimate = refresh(login.text("refreshToken"));
        assertThat(legitimate.status()).isEqualTo(200);
        assertThat(me(legitimate.text("accessToken"))).isEqualTo(200);

        refresh(login.text("refreshToken")).assertProblem(401, "invalid-refresh-token");

        awaitRefused(legitimate.text("accessToken"));
        awaitRefused(login.text("accessToken"));
    }

    @Test
    void afterARoleChangeTheOldTokenIsRefusedAndARefreshCarriesTheNewRoles() throws Exception {
        var login = registerAndLogin(uniqueEmail());
        var userId =
                SignedJWT.parse(login.text("accessToken")).getJWTClaimsSet().getSubject();
        var otherSession = registerAndLogin(uniqueEmail()).text("accessToken");
        awaitTheSecondAfterTheIssueOf(login.text("accessToken"));

        var changed = putJson(
                "/api/v1/admin/users/" + userId + "/roles",
                "{\"roles\":[\"PATIENT\",\"CLINIC_MANAGER\"]}",
                rootToken());
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

        awaitRefused(login.text("accessToken"));
        var refreshed = refresh(login.text("refreshToken"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(roles(refreshed.text("accessToken"))).containsExactlyInAnyOrder("PATIENT", "CLINIC_MANAGER");
        assertThat(me(refreshed.text("accessToken"))).isEqualTo(200);
        assertThat(me(otherSession)).isEqualTo(200);
    }

    private int me(String accessToken) {
        return get("/api/v1/users/me", accessToken).status();
    }

    private void awaitRefused(String accessToken) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(me(accessToken))
                .isEqualTo(401));
    }

    /**
     * {@code notBefore} has the whole-second precision of {@code iat}: a token issued in the very second of the
     * revocation stays valid (decision 0026), so the revocation must come in a later second than the token.
     */
    private static void awaitTheSecondAfterTheIssueOf(String accessToken) throws Exception {
        var issuedAt =
                SignedJWT.parse(accessToken).getJWTClaimsSet().getIssueTime().toInstant();
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() > issuedAt.getEpochSecond());
    }

    private static String sid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    private static java.util.List<String> roles(String accessToken) throws Exception {
        return new ArrayList<>(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("roles"));
    }
}
