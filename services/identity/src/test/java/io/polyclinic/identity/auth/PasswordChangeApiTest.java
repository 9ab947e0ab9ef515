package io.polyclinic.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/auth/password}: the new password logs in and the old one no longer does, the user's other
 * sessions end while the caller's keeps working, a wrong current password and a weak new one are field errors, the
 * login limits apply, and the change is audited.
 */
class PasswordChangeApiTest extends IdentityApiTest {

    private static final String NEW_PASSWORD = "a brand new passphrase 42";

    private Response change(String accessToken, String current, String next) {
        return postJson(
                "/api/v1/auth/password",
                JSON.writeValueAsString(Map.of("currentPassword", current, "newPassword", next)),
                accessToken);
    }

    @Test
    void theNewPasswordLogsInTheOldOneNoLongerAndOnlyTheCallersSessionSurvives() throws Exception {
        var email = uniqueEmail();
        var here = registerAndLogin(email);
        var elsewhere = login(email, PASSWORD);
        var userId = UUID.fromString(
                SignedJWT.parse(here.text("accessToken")).getJWTClaimsSet().getSubject());

        var changed = change(here.text("accessToken"), PASSWORD, NEW_PASSWORD);

        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(204);
        login(email, PASSWORD).assertProblem(401, "invalid-credentials");
        refresh(elsewhere.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        var sessions = get("/api/v1/auth/sessions", here.text("accessToken"));
        assertThat(sessions.status()).isEqualTo(200);
        assertThat(sessions.body().get("items")).hasSize(1);
        assertThat(refresh(here.text("refreshToken")).status()).isEqualTo(200);
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        var entry = audit.single("PASSWORD_CHANGED", "user", userId);
        assertThat(entry.actorId()).isEqualTo(userId);
        assertThat(entry.details()).containsEntry("sessionsRevoked", 1);
    }

    @Test
    void aWrongCurrentPasswordIsAFieldErrorAndChangesNothing() {
        var email = uniqueEmail();
        var login = registerAndLogin(email);

        var refused = change(login.text("accessToken"), "not my password", NEW_PASSWORD)
                .assertProblem(400, "invalid-request");

        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aWeakOrUnchangedNewPasswordIsAFieldError() {
        var email = uniqueEmail();
        var token = registerAndLogin(email).text("accessToken");

        var tooShort = change(token, PASSWORD, "short").assertProblem(400, "invalid-request");
        var same = change(token, PASSWORD, PASSWORD).assertProblem(400, "invalid-request");

        assertThat(tooShort.body().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(same.body().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsStoppedByTheLoginLimits() {
        var token = registerAndLogin(uniqueEmail()).text("accessToken");
        Response last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            last = change(token, "guess number " + attempt, NEW_PASSWORD);
            if (last.status() == 429) {
                break;
            }
            last.assertProblem(400, "invalid-request");
        }
        last.assertProblem(429, "rate-limited");
    }

    @Test
    void withoutATokenItIsRefused() {
        assertThat(change(null, PASSWORD, NEW_PASSWORD).status()).isEqualTo(401);
    }
}
