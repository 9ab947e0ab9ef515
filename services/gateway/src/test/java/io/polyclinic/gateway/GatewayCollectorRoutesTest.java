package io.polyclinic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web-analytics routes: routed to the collector without a token, open to every origin (only they), and limited
 * per address by their own bucket.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.http.cors-allowed-origins=http://localhost:3000",
            "polyclinic.gateway.collector-rate-limit.capacity=5",
            "polyclinic.web.trusted-proxies=127.0.0.1"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class GatewayCollectorRoutesTest {

    static final StubService COLLECTOR = new StubService("analytics-collector");
    static final StubService BOOKING = new StubService("booking");
    static final String CLINIC_SITE = "https://some-clinic.example";

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.gateway.analytics-collector-uri", COLLECTOR::uri);
        registry.add("polyclinic.gateway.booking-uri", BOOKING::uri);
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> postTrack(GatewayHttp http, String path) {
        return http.send(http.request(path)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "text/plain")
                .header("Origin", CLINIC_SITE));
    }

    @Test
    void trackingRoutesReachTheCollectorWithoutATokenFromAnyOriginWithOneSetOfCorsHeaders() {
        var http = new GatewayHttp(port).from("127.0.0.2");

        var track = postTrack(http, "/track");
        var plausible = postTrack(http, "/api/event");
        var script = http.get("/tracker.js", "Origin", CLINIC_SITE);

        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(GatewayHttp.json(track).get("service").asString()).isEqualTo("analytics-collector");
        assertThat(track.headers().allValues("Access-Control-Allow-Origin")).containsExactly(CLINIC_SITE);
        assertThat(GatewayHttp.json(plausible).get("path").asString()).isEqualTo("/api/event");
        assertThat(GatewayHttp.json(script).get("path").asString()).isEqualTo("/tracker.js");
        assertThat(COLLECTOR.received())
                .anySatisfy(r -> assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.2"));
    }

    @Test
    void onlyTheTrackingRoutesAreOpenToEveryOrigin() {
        var http = new GatewayHttp(port);
        var tracking = http.send(http.request("/track")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", CLINIC_SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        var api = http.send(http.request("/api/v1/doctors")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", CLINIC_SITE)
                .header("Access-Control-Request-Method", "GET"));

        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CLINIC_SITE);
        assertThat(tracking.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        assertThat(api.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theTrackingRoutesHaveTheirOwnLimitPerAddress() {
        var flooder = new GatewayHttp(port).from("127.0.0.3");
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (postTrack(flooder, "/track").statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(3);
        // the API's bucket of the same address is untouched
        assertThat(flooder.get("/api/v1/specialties").statusCode()).isEqualTo(200);
    }
}
