package io.polyclinic.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.platform.audit.AuditEntry;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What identity tells the audit log (S4), seen after real requests: logins that worked and that failed,
 * registrations, role changes and ended sessions, each with its actor and entity, and nothing for a change that did
 * not happen.
 */
class AuditedActionsApiTest extends IdentityApiTest {

    private static String sid(Response login) {
        try {
            return SignedJWT.parse(login.text("accessToken")).getJWTClaimsSet().getStringClaim("sid");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID rootId() {
        return jdbc.sql("select id from users where email = :email")
                .param("email", ROOT_EMAIL)
                .query(UUID.class)
                .single();
    }

    private long anonymousFailedLogins() {
        return audit.matching(e -> "LOGIN_FAILED".equals(e.action()) && e.entityId() == null)
                .size();
    }

    @Test
    void aRegistrationIsRecordedWithTheNewUserAsActor() {
        var email = uniqueEmail();

        var id = register(email);

        var entry = audit.single("USER_REGISTERED", "user", id);
        assertThat(entry.actorId()).isEqualTo(id);
        assertThat(entry.details())
                .containsEntry("email", email)
                .containsEntry("roles", List.of("PATIENT"))
                .containsEntry("via", "registration");
        assertThat(entry.details().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aRegistrationRefusedForATakenEmailRecordsNothing() {
        var email = uniqueEmail();
        register(email);

        var again = postJson(
                "/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "fullName", "Someone Else"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(audit.matching(e -> "USER_REGISTERED".equals(e.action())
                        && email.equals(e.details().get("email"))))
                .hasSize(1);
    }

    @Test
    void aSuccessfulLoginIsRecordedWithItsSession() {
        var email = uniqueEmail();
        var id = register(email);

        var login = login(email, PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        var entry = audit.single("LOGIN_SUCCEEDED", "user", id);
        assertThat(entry.actorId()).isEqualTo(id);
        assertThat(entry.details()).containsEntry("sessionId", sid(login));
    }

    @Test
    void aWrongPasswordIsRecordedAgainstTheAccountWithAnAnonymousActor() {
        var email = uniqueEmail();
        var id = register(email);

        login(email, "not the password at all").assertProblem(401, "invalid-credentials");

        var entry = audit.single("LOGIN_FAILED", "user", id);
        assertThat(entry.actorId()).isNull();
        assertThat(entry.details()).isEqualTo(Map.of("reason", "WRONG_PASSWORD"));
        assertThat(audit.about("user", id)).extracting(AuditEntry::action).doesNotContain("LOGIN_SUCCEEDED");
    }

    @Test
    void anUnknownEmailIsRecordedWithoutAnythingTheCallerTyped() {
        var before = anonymousFailedLogins();
        var typedEmail = uniqueEmail();
        var typedPassword = "maybe-my-real-password-" + UUID.randomUUID();

        login(typedEmail, typedPassword).assertProblem(401, "invalid-credentials");

        assertThat(anonymousFailedLogins()).isEqualTo(before + 1);
        var entry = audit.matching(e -> "LOGIN_FAILED".equals(e.action()) && e.entityId() == null)
                .getLast();
        assertThat(entry.actorId()).isNull();
        assertThat(entry.details()).isEqualTo(Map.of("reason", "UNKNOWN_EMAIL"));
        assertThat(audit.entries().toString()).doesNotContain(typedEmail, typedPassword);
    }

    @Test
    void aRoleChangeIsRecordedWithTheAdminAsActorAndTheRolesBeforeAndAfter() {
        var id = register(uniqueEmail());

        var response = putJson(
                "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"PATIENT\",\"CLINIC_MANAGER\"]}", rootToken());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        var entry = audit.single("ROLES_CHANGED", "user", id);
        assertThat(entry.actorId()).isEqualTo(rootId());
        assertThat(entry.details())
                .containsEntry("before", List.of("PATIENT"))
                .containsEntry("after", List.of("PATIENT", "CLINIC_MANAGER"));
    }

    @Test
    void aRefusedRoleChangeRecordsNothing() {
        var root = rootId();
        // Root must be the last administrator for the change to be refused (another test may have made one).
        jdbc.sql("delete from user_roles where role = 'ADMIN' and user_id <> :root")
                .param("root", root)
                .update();
        var rootEntries = audit.about("user", root).size();

        putJson("/api/v1/admin/users/" + root + "/roles", "{\"roles\":[\"PATIENT\"]}", rootToken())
                .assertProblem(409, "last-admin");

        assertThat(audit.about("user", root)).hasSize(rootEntries);
    }

    @Test
    void loggingOutIsRecordedOnceAndARepeatedLogoutRecordsNothing() {
        var email = uniqueEmail();
        var id = register(email);
        var login = login(email, PASSWORD);
        var token = login.text("accessToken");

        assertThat(post("/api/v1/auth/logout", token).status()).isEqualTo(204);
        assertThat(post("/api/v1/auth/logout", token).status()).isEqualTo(204);

        var entry = audit.single("LOGOUT", "session", sid(login));
        assertThat(entry.actorId()).isEqualTo(id);
    }

    @Test
    void loggingOutEverywhereAndRevokingASessionAreRecorded() {
        var email = uniqueEmail();
        var id = register(email);
        var first = login(email, PASSWORD);
        var second = login(email, PASSWORD);
        var third = login(email, PASSWORD);

        assertThat(delete("/api/v1/auth/sessions/" + sid(second), first.text("accessToken"))
                        .status())
                .isEqualTo(204);
        assertThat(post("/api/v1/auth/logout-all", third.text("accessToken")).status())
                .isEqualTo(204);

        var revoked = audit.single("SESSION_REVOKED", "session", sid(second));
        assertThat(revoked.actorId()).isEqualTo(id);
        assertThat(revoked.details()).containsEntry("reason", "REVOKED_BY_USER");
        var everywhere = audit.single("LOGOUT_ALL", "user", id);
        assertThat(everywhere.actorId()).isEqualTo(id);
        assertThat(everywhere.details()).containsEntry("sessionsRevoked", 2);
    }

    @Test
    void aReusedRefreshTokenRevokesItsSessionAndIsRecordedAsSuch() {
        var login = registerAndLogin(uniqueEmail());
        var stolen = login.text("refreshToken");
        assertThat(refresh(stolen).status()).isEqualTo(200);

        refresh(stolen).assertProblem(401, "invalid-refresh-token");

        var entry = audit.single("SESSION_REVOKED", "session", sid(login));
        assertThat(entry.actorId()).isNull();
        assertThat(entry.details()).containsEntry("reason", "REFRESH_TOKEN_REUSE");
    }
}
