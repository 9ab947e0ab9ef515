package io.polyclinic.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.identity.IdentityApiTest;
import org.junit.jupiter.api.Test;

class UserApiTest extends IdentityApiTest {

    @Test
    void meAnswersTheCallersAccount() {
        var email = uniqueEmail();
        var id = register(email);
        var token = login(email, PASSWORD).text("accessToken");

        var me = get("/api/v1/users/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(id.toString());
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("fullName")).isEqualTo("Test User");
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"PATIENT\"]");
    }

    @Test
    void meForAUserThatNoLongerExistsIsAnswered404() {
        var email = uniqueEmail();
        register(email);
        var token = login(email, PASSWORD).text("accessToken");
        jdbc.sql("delete from users where email = :email").param("email", email).update();

        get("/api/v1/users/me", token).assertProblem(404, "not-found");
    }
}
