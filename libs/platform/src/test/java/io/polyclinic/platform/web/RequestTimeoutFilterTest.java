package io.polyclinic.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.platform.problem.ProblemResponseWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class RequestTimeoutFilterTest {

    private final RequestTimeoutFilter filter = new RequestTimeoutFilter(
            Duration.ofMinutes(10),
            new ProblemResponseWriter(JsonMapper.builder().build()));

    @AfterEach
    void stop() {
        filter.destroy();
    }

    @Test
    void aFinishedRequestLeavesNoDeadlineBehind() throws Exception {
        var seenDuringTheRequest = new int[1];
        for (int i = 0; i < 1_000; i++) {
            var chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(
                        jakarta.servlet.http.HttpServletRequest request,
                        jakarta.servlet.http.HttpServletResponse response) {
                    seenDuringTheRequest[0] = filter.pendingDeadlines();
                    response.setStatus(204);
                }
            });
            var response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("POST", "/track"), response, chain);
            assertThat(response.getStatus()).isEqualTo(204);
        }

        assertThat(seenDuringTheRequest[0]).as("the running request's deadline").isEqualTo(1);
        assertThat(filter.pendingDeadlines())
                .as("deadlines of ended requests, which would hold them for 10 minutes")
                .isZero();
    }
}
