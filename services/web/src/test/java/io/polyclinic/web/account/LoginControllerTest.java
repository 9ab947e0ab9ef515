package io.polyclinic.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After logging in, the browser only ever goes back to a page of this site. */
class LoginControllerTest {

    @Test
    void nextIsAPathOfThisSiteOrTheStartPage() {
        assertThat(LoginController.safeNext("/me/appointments?scope=past")).isEqualTo("/me/appointments?scope=past");
        assertThat(LoginController.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("/\\evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("/a\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(LoginController.safeNext(null)).isEqualTo("/");
    }
}
