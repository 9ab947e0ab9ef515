package io.polyclinic.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.identity.config.IdentityProperties;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AdminUserApiTest extends IdentityApiTest {

    @Autowired
    private UserService users;

    @Autowired
    private AdminBootstrap bootstrap;

    @Test
    void theBootstrapAdministratorCanLogInWithAdminAndPatientRoles() throws Exception {
        var login = login(ROOT_EMAIL, ROOT_PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        var roles = SignedJWT.parse(login.text("accessToken")).getJWTClaimsSet().getStringListClaim("roles");
        assertThat(roles).containsExactly("PATIENT", "ADMIN");
    }

    @Test
    void theAdminBootstrapIsIdempotent() throws Exception {
        bootstrap.run(null);
        bootstrap.run(null);

        assertThat(users.createIfMissing(
                        ROOT_EMAIL.toUpperCase(java.util.Locale.ROOT), ROOT_PASSWORD, "Again", EnumSet.of(Role.ADMIN)))
                .isFalse();
        var count = jdbc.sql("select count(*) from users where lower(email) = :email")
                .param("email", ROOT_EMAIL)
                .query(Long.class)
                .single();
        assertThat(count).isEqualTo(1);
    }

    @Test
    void theBootstrapRefusesToStartWhenTheAdminEmailBelongsToAnAccountWithoutAdmin() {
        var squatter = uniqueEmail();
        var squatterId = register(squatter);
        var properties = new IdentityProperties(
                null, null, null, null, null, new IdentityProperties.Admin(squatter, ROOT_PASSWORD, "Admin"), null);

        assertThatThrownBy(() -> new AdminBootstrap(users, properties).run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(squatterId.toString())
                .hasMessageContaining("no ADMIN role")
                .hasMessageNotContaining(squatter); // an email is personal data: ids only in messages and logs

        var roles = jdbc.sql("select role from user_roles where user_id = :id")
                .param("id", squatterId)
                .query(String.class)
                .list();
        assertThat(roles).containsExactly("PATIENT");
    }

    @Test
    void anAdminListsUsersPagedAndFilteredByEmail() {
        var marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            register("list-" + marker + "-" + i + "@Example.com");
        }

        var page =
                get("/api/v1/admin/users?email=" + marker.toUpperCase(java.util.Locale.ROOT) + "&size=2", rootToken());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.body().get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.body().get("size").asInt()).isEqualTo(2);
        assertThat(page.body().get("items")).hasSize(2);
        assertThat(page.body().get("items").get(0).get("email").asString())
                .isEqualTo("list-" + marker + "-0@Example.com");
        assertThat(page.body().get("items").get(0).has("passwordHash")).isFalse();

        var second = get("/api/v1/admin/users?email=" + marker + "&size=2&page=1", rootToken());
        assertThat(second.body().get("items")).hasSize(1);
    }

    @Test
    void anOversizedPageIsAnswered400() {
        get("/api/v1/admin/users?size=101", rootToken()).assertProblem(400, "invalid-request");
        get("/api/v1/admin/users?page=x", rootToken()).assertProblem(400, "invalid-parameter");
    }

    @Test
    void aPatientIsForbiddenFromTheAdminApi() {
        var token = registerAndLogin(uniqueEmail()).text("accessToken");

        get("/api/v1/admin/users", token).assertProblem(403, "forbidden");
        putJson("/api/v1/admin/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"ADMIN\"]}", token)
                .assertProblem(403, "forbidden");
    }

    @Test
    void theAdminApiWithoutATokenIsAnswered401() {
        get("/api/v1/admin/users", null).assertProblem(401, "unauthorized");
    }

    @Test
    void aRoleChangeIsReflectedInTheNextLoginsToken() throws Exception {
        var email = uniqueEmail();
        var id = register(email);

        var response = putJson(
                "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"CLINIC_MANAGER\",\"PATIENT\"]}", rootToken());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("roles").toString()).isEqualTo("[\"PATIENT\",\"CLINIC_MANAGER\"]");
        var token = login(email, PASSWORD).text("accessToken");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactly("PATIENT", "CLINIC_MANAGER");
        assertThat(get("/api/v1/users/me", token).body().get("roles").toString())
                .isEqualTo("[\"PATIENT\",\"CLINIC_MANAGER\"]");
    }

    @Test
    void aRoleChangeIsReflectedInTheNextRefreshsToken() throws Exception {
        var email = uniqueEmail();
        var login = registerAndLogin(email);
        var id = UUID.fromString(
                SignedJWT.parse(login.text("accessToken")).getJWTClaimsSet().getSubject());

        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"ADMIN\"]}", rootToken());

        var refreshed = refresh(login.text("refreshToken"));
        assertThat(SignedJWT.parse(refreshed.text("accessToken"))
                        .getJWTClaimsSet()
                        .getStringListClaim("roles"))
                .containsExactly("ADMIN");
        // The new admin can use the admin API; demote it again so the last-admin test stays meaningful.
        assertThat(get("/api/v1/admin/users", refreshed.text("accessToken")).status())
                .isEqualTo(200);
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"PATIENT\"]}", rootToken());
    }

    @Test
    void unknownRoleNamesAndEmptyListsAreAnswered400() {
        var id = register(uniqueEmail());
        var token = rootToken();

        var unknown = putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"SUPERUSER\"]}", token)
                .assertProblem(400, "invalid-request");
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("roles");
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"admin\"]}", token)
                .assertProblem(400, "invalid-request");
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":[]}", token)
                .assertProblem(400, "validation-failed");
        putJson("/api/v1/admin/users/" + id + "/roles", "{\"roles\":\"ADMIN\"}", token)
                .assertProblem(400, "malformed-body");
        putJson("/api/v1/admin/users/" + id + "/roles", "{}", token).assertProblem(400, "validation-failed");
    }

    @Test
    void rolesOfAnUnknownUserAreAnswered404() {
        putJson("/api/v1/admin/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"PATIENT\"]}", rootToken())
                .assertProblem(404, "not-found");
    }

    @Test
    void theLastAdministratorCannotLoseTheAdminRole() {
        var rootId = jdbc.sql("select id from users where email = :email")
                .param("email", ROOT_EMAIL)
                .query(UUID.class)
                .single();
        jdbc.sql("delete from user_roles where role = 'ADMIN' and user_id <> :root")
                .param("root", rootId)
                .update();

        putJson("/api/v1/admin/users/" + rootId + "/roles", "{\"roles\":[\"PATIENT\"]}", rootToken())
                .assertProblem(409, "last-admin");

        var second = register(uniqueEmail());
        putJson("/api/v1/admin/users/" + second + "/roles", "{\"roles\":[\"ADMIN\"]}", rootToken());
        var demoted = putJson("/api/v1/admin/users/" + rootId + "/roles", "{\"roles\":[\"PATIENT\"]}", rootToken());
        assertThat(demoted.status()).isEqualTo(200);
        // Restore the bootstrap administrator for the other tests.
        putJson("/api/v1/admin/users/" + rootId + "/roles", "{\"roles\":[\"PATIENT\",\"ADMIN\"]}", rootToken());
    }

    @Test
    void aTokenFromAnotherIssuerKeyCannotReachTheAdminApi() {
        var token = TestJwtIssuer.shared().token(UUID.randomUUID(), "evil@example.com", "ADMIN");

        get("/api/v1/admin/users", token).assertProblem(401, "invalid-token");
    }
}
