package io.polyclinic.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SessionApiTest extends IdentityApiTest {

    @Autowired
    private ExpiredSessionPurger purger;

    private static String sid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void logoutRevokesTheCurrentSessionOnly() {
        var email = uniqueEmail();
        var phone = registerAndLogin(email);
        var laptop = login(email, PASSWORD);

        assertThat(post("/api/v1/auth/logout", phone.text("accessToken")).status())
                .isEqualTo(204);

        refresh(phone.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        assertThat(refresh(laptop.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void loggingOutOfAnAlreadyRevokedSessionIsHarmless() {
        var login = registerAndLogin(uniqueEmail());
        var token = login.text("accessToken");

        assertThat(post("/api/v1/auth/logout", token).status()).isEqualTo(204);
        assertThat(post("/api/v1/auth/logout", token).status()).isEqualTo(204);
    }

    @Test
    void logoutEverywhereRevokesEverySession() {
        var email = uniqueEmail();
        var first = registerAndLogin(email);
        var second = login(email, PASSWORD);

        assertThat(post("/api/v1/auth/logout-all", first.text("accessToken")).status())
                .isEqualTo(204);

        refresh(first.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        refresh(second.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        // The access tokens still verify until they expire, but session management refuses them.
        get("/api/v1/auth/sessions", second.text("accessToken")).assertProblem(401, "session-ended");
        var fresh = login(email, PASSWORD);
        var sessions = get("/api/v1/auth/sessions", fresh.text("accessToken"));
        assertThat(sessions.body().get("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void afterLogoutTheAccessTokenCanNoLongerManageSessions() throws Exception {
        var email = uniqueEmail();
        var stolen = registerAndLogin(email);
        var other = login(email, PASSWORD);
        post("/api/v1/auth/logout", stolen.text("accessToken"));

        get("/api/v1/auth/sessions", stolen.text("accessToken")).assertProblem(401, "session-ended");
        delete("/api/v1/auth/sessions/" + sid(other.text("accessToken")), stolen.text("accessToken"))
                .assertProblem(401, "session-ended");
        post("/api/v1/auth/logout-all", stolen.text("accessToken")).assertProblem(401, "session-ended");
        assertThat(refresh(other.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void thePurgeQueriesHaveIndexes() {
        var indexes = jdbc.sql("select indexdef from pg_indexes where tablename in ('sessions', 'refresh_tokens')")
                .query(String.class)
                .list();

        assertThat(indexes)
                .anyMatch(def -> def.contains("ON public.refresh_tokens USING btree (expires_at)"))
                .anyMatch(def -> def.contains("ON public.sessions USING btree (expires_at)"))
                .anyMatch(def ->
                        def.contains("ON public.sessions USING btree (revoked_at) WHERE (revoked_at IS NOT NULL)"));
    }

    @Test
    void endedSessionsArePurgedAfterTheRetentionPeriod() throws Exception {
        var email = uniqueEmail();
        var login = registerAndLogin(email);
        var sessionId = UUID.fromString(sid(login.text("accessToken")));
        post("/api/v1/auth/logout", login.text("accessToken"));
        jdbc.sql("update sessions set revoked_at = now() - interval '8 days' where id = :id")
                .param("id", sessionId)
                .update();

        assertThat(purger.purge()).isPositive();

        assertThat(jdbc.sql("select count(*) from sessions where id = :id")
                        .param("id", sessionId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from refresh_tokens where session_id = :id")
                        .param("id", sessionId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theSessionListShowsActiveSessionsAndMarksTheCurrentOne() throws Exception {
        var email = uniqueEmail();
        var first = registerAndLogin(email);
        var second = login(email, PASSWORD);

        var response = get("/api/v1/auth/sessions", second.text("accessToken"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("totalItems").asLong()).isEqualTo(2);
        assertThat(response.body().get("page").asInt()).isZero();
        var items = response.body().get("items");
        assertThat(items).hasSize(2);
        var newest = items.get(0);
        assertThat(newest.get("id").asString()).isEqualTo(sid(second.text("accessToken")));
        assertThat(newest.get("current").asBoolean()).isTrue();
        assertThat(items.get(1).get("id").asString()).isEqualTo(sid(first.text("accessToken")));
        assertThat(items.get(1).get("current").asBoolean()).isFalse();
        assertThat(newest.get("ip").asString()).isEqualTo(clientIp);
        assertThat(newest.get("userAgent").asString()).isEqualTo("IdentityApiTest/1.0");
        assertThat(newest.get("createdAt").asString()).endsWith("Z");
        assertThat(newest.get("lastUsedAt").asString()).isNotBlank();
    }

    @Test
    void revokingOneOwnSessionMakesItsRefreshFail() throws Exception {
        var email = uniqueEmail();
        var first = registerAndLogin(email);
        var second = login(email, PASSWORD);

        var response = delete("/api/v1/auth/sessions/" + sid(first.text("accessToken")), second.text("accessToken"));

        assertThat(response.status()).isEqualTo(204);
        refresh(first.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        assertThat(refresh(second.text("refreshToken")).status()).isEqualTo(200);
        assertThat(get("/api/v1/auth/sessions", second.text("accessToken"))
                        .body()
                        .get("totalItems")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anotherUsersSessionIsNotFound() throws Exception {
        var victim = registerAndLogin(uniqueEmail());
        var attacker = registerAndLogin(uniqueEmail());

        delete("/api/v1/auth/sessions/" + sid(victim.text("accessToken")), attacker.text("accessToken"))
                .assertProblem(404, "not-found");

        assertThat(refresh(victim.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownOrMalformedSessionIdIsAnswered404Or400() {
        var token = registerAndLogin(uniqueEmail()).text("accessToken");

        delete("/api/v1/auth/sessions/" + UUID.randomUUID(), token).assertProblem(404, "not-found");
        delete("/api/v1/auth/sessions/not-a-uuid", token).assertProblem(400, "invalid-parameter");
    }

    @Test
    void sessionEndpointsWithoutATokenAreAnswered401() {
        post("/api/v1/auth/logout", null).assertProblem(401, "unauthorized");
        post("/api/v1/auth/logout-all", null).assertProblem(401, "unauthorized");
        get("/api/v1/auth/sessions", null).assertProblem(401, "unauthorized");
        delete("/api/v1/auth/sessions/" + UUID.randomUUID(), null).assertProblem(401, "unauthorized");
        get("/api/v1/users/me", null).assertProblem(401, "unauthorized");
    }

    @Test
    void expiredForgedAndForeignTokensAreAnswered401() {
        var id = UUID.randomUUID();
        var issuer = TestJwtIssuer.shared();

        get("/api/v1/auth/sessions", issuer.expiredToken(id, "PATIENT")).assertProblem(401, "invalid-token");
        get("/api/v1/auth/sessions", issuer.forgedToken(id, "PATIENT")).assertProblem(401, "invalid-token");
        // Signed by a key identity does not hold (the test issuer's): not one of ours.
        get("/api/v1/users/me", issuer.token(id, "x@example.com", "PATIENT")).assertProblem(401, "invalid-token");
        get("/api/v1/users/me", "not.a.jwt").assertProblem(401, "invalid-token");
    }
}
