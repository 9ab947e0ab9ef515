package io.polyclinic.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The web UI gets every path but those with another owner. */
class WebUiPathsTest {

    @Test
    void pagesGoToTheWebUi() {
        assertThat(WebUiPaths.isWebUi("/")).isTrue();
        assertThat(WebUiPaths.isWebUi("/doctors/0190a0b0-0000-7000-8000-000000000001"))
                .isTrue();
        assertThat(WebUiPaths.isWebUi("/me/appointments")).isTrue();
        assertThat(WebUiPaths.isWebUi("/webjars/htmx.org/dist/htmx.min.js")).isTrue();
        assertThat(WebUiPaths.isWebUi("/apidocs")).isTrue();
    }

    @Test
    void theApiDocumentsKeysOperationsAndTheCollectorKeepTheirOwners() {
        assertThat(WebUiPaths.isWebUi("/api/v1/doctors")).isFalse();
        assertThat(WebUiPaths.isWebUi("/api")).isFalse();
        assertThat(WebUiPaths.isWebUi("/api/event")).isFalse();
        assertThat(WebUiPaths.isWebUi("/swagger-ui.html")).isFalse();
        assertThat(WebUiPaths.isWebUi("/swagger-ui/index.html")).isFalse();
        assertThat(WebUiPaths.isWebUi("/v3/api-docs/booking")).isFalse();
        assertThat(WebUiPaths.isWebUi("/.well-known/jwks.json")).isFalse();
        assertThat(WebUiPaths.isWebUi("/actuator/health")).isFalse();
        assertThat(WebUiPaths.isWebUi("/track")).isFalse();
        assertThat(WebUiPaths.isWebUi("/tracker.js")).isFalse();
    }
}
