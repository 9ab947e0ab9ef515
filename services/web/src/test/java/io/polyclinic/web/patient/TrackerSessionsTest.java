package io.polyclinic.web.patient;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The tracker's session id on its way from a tracked visit to the booking: kept only when booking would take it. */
class TrackerSessionsTest {

    private final TrackerSessions filter = new TrackerSessions(true);

    @Test
    void aValidIdFromTheLandingLinkIsKeptInAnHttpOnlyCookieForThirtyMinutes() throws Exception {
        var request = new MockHttpServletRequest("GET", "/");
        request.setParameter("trackerSessionId", "a1b2c3d4e5f6a1b2c3d4e5f6");
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("PC_TRACKER_SESSION=a1b2c3d4e5f6a1b2c3d4e5f6")
                .contains("Max-Age=1800")
                .contains("HttpOnly")
                .contains("Secure")
                .contains("SameSite=Lax");
    }

    @Test
    void anInvalidIdIsNeitherKeptNorSent() throws Exception {
        for (var bad : new String[] {"", "x".repeat(65), "abc;def", "<script>", "a b", "ид"}) {
            var request = new MockHttpServletRequest("GET", "/");
            request.setParameter("trackerSessionId", bad);
            var response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getHeader("Set-Cookie")).as(bad).isNull();
            assertThat(TrackerSessions.of(request)).as(bad).isNull();
        }
        var tampered = new MockHttpServletRequest("POST", "/book/x/y");
        tampered.setCookies(new Cookie("PC_TRACKER_SESSION", "bad value"));
        assertThat(TrackerSessions.of(tampered)).isNull();
    }

    @Test
    void theFormFieldWinsOverTheCookieAndTheCookieServesWhenThereIsNone() {
        var request = new MockHttpServletRequest("POST", "/book/x/y");
        request.setCookies(new Cookie("PC_TRACKER_SESSION", "from-cookie"));
        assertThat(TrackerSessions.of(request)).isEqualTo("from-cookie");
        request.setParameter("trackerSessionId", "from_field");
        assertThat(TrackerSessions.of(request)).isEqualTo("from_field");
    }
}
