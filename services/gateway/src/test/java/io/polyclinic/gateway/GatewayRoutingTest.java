package io.polyclinic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of two real HTTP servers standing in for identity and booking: routing, forwarded headers,
 * token checks, timeouts, CORS and the aggregated Swagger UI.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.http.cors-allowed-origins=http://localhost:3000",
            "polyclinic.gateway.booking-timeouts.read=2s",
            // 127.0.0.1 plays the load balancer in front of the gateway; 127.0.0.2 and .3 are clients without one.
            "polyclinic.web.trusted-proxies=127.0.0.1",
            "polyclinic.web.api-docs-enabled=true"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class GatewayRoutingTest {

    static final StubService IDENTITY = new StubService("identity");
    static final StubService BOOKING = new StubService("booking");
    static final StubService AUDIT = new StubService("audit");
    static final StubService ORDERS = new StubService("orders");
    static final StubService INGEST = new StubService("ingest");
    static final String ALLOWED_ORIGIN = "http://localhost:3000";

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("polyclinic.gateway.identity-uri", IDENTITY::uri);
        registry.add("polyclinic.gateway.booking-uri", BOOKING::uri);
        registry.add("polyclinic.gateway.audit-uri", AUDIT::uri);
        registry.add("polyclinic.gateway.orders-uri", ORDERS::uri);
        registry.add("polyclinic.gateway.ingest-uri", INGEST::uri);
    }

    @LocalServerPort
    int port;

    GatewayHttp http;
    final TestJwtIssuer issuer = TestJwtIssuer.shared();

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
    }

    private String patientToken() {
        return "Bearer " + issuer.token(UUID.randomUUID(), "patient@example.com", "PATIENT");
    }

    private static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void identityPathsAreRoutedToIdentityWithTheTokenAndRequestId() {
        var token = patientToken();
        var requestId = newRequestId();

        var response = http.get("/api/v1/users/me", "Authorization", token, "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayHttp.json(response).get("service").asString()).isEqualTo("identity");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
        var received = IDENTITY.byRequestId(requestId);
        assertThat(received.path()).isEqualTo("/api/v1/users/me");
        assertThat(received.header("Authorization")).isEqualTo(token);
    }

    @Test
    void bookingPathsAreRoutedToBookingWithTheQueryString() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/doctors?specialty=cardiology&page=0", "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayHttp.json(response).get("service").asString()).isEqualTo("booking");
        var received = BOOKING.byRequestId(requestId);
        assertThat(received.path()).isEqualTo("/api/v1/doctors");
        assertThat(received.query()).isEqualTo("specialty=cardiology&page=0");
    }

    @Test
    void requestsReachAServiceAsHttp11OnAKeptAliveConnectionWithoutAnH2cUpgradeOffer() {
        var requestIds = List.of(newRequestId(), newRequestId(), newRequestId());

        for (var requestId : requestIds) {
            assertThat(http.get("/api/v1/specialties", "X-Request-Id", requestId)
                            .statusCode())
                    .isEqualTo(200);
        }

        var received = requestIds.stream().map(BOOKING::byRequestId).toList();
        // the gateway's own client offers no h2c upgrade (a client's Upgrade and Connection are never forwarded)
        assertThat(received).allSatisfy(request -> {
            assertThat(request.header("Upgrade")).isNull();
            assertThat(String.valueOf(request.header("Connection"))).doesNotContainIgnoringCase("upgrade");
        });
        // one after the other, so one pooled connection serves them all
        assertThat(received.stream().map(StubService.Received::clientPort).distinct())
                .hasSize(1);
    }

    @Test
    void aServicesCookieGoesToItsClientAndIsNeverReplayedOnLaterRequests() {
        var response = http.get("/api/v1/doctors/cookie");
        var later = newRequestId();
        http.get("/api/v1/doctors", "X-Request-Id", later);

        assertThat(response.headers().firstValue("Set-Cookie")).hasValue("stub-session=booking; Path=/");
        assertThat(BOOKING.byRequestId(later).header("Cookie")).isNull();
    }

    @Test
    void aServicesUnavailableAnswerIsPassedOnOnceNotRetriedByTheGateway() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/doctors/unavailable", "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(BOOKING.received().stream().filter(r -> requestId.equals(r.header("X-Request-Id"))))
                .hasSize(1);
    }

    @Test
    void aRequestIdIsGeneratedAndForwardedWhenTheClientSendsNone() {
        var response = http.get("/api/v1/specialties");

        var requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(BOOKING.byRequestId(requestId)).isNotNull();
    }

    @Test
    void adminUsersGoToIdentityAndOtherAdminPathsGoToBooking() {
        var admin = "Bearer " + issuer.token(UUID.randomUUID(), "admin@example.com", "ADMIN");

        var users = http.get("/api/v1/admin/users/42", "Authorization", admin);
        var clinics = http.get("/api/v1/admin/clinics", "Authorization", admin);

        assertThat(GatewayHttp.json(users).get("service").asString()).isEqualTo("identity");
        assertThat(GatewayHttp.json(clinics).get("service").asString()).isEqualTo("booking");
    }

    @Test
    void auditPathsAreRoutedToTheAuditServiceWithTheTokenAndQuery() {
        var admin = "Bearer " + issuer.token(UUID.randomUUID(), "admin@example.com", "ADMIN");
        var requestId = newRequestId();

        var records = http.get(
                "/api/v1/audit/records?entityType=slot&page=0", "Authorization", admin, "X-Request-Id", requestId);
        var verify = http.get("/api/v1/audit/verifications/" + UUID.randomUUID(), "Authorization", admin);

        assertThat(GatewayHttp.json(records).get("service").asString()).isEqualTo("audit");
        assertThat(GatewayHttp.json(verify).get("service").asString()).isEqualTo("audit");
        var received = AUDIT.byRequestId(requestId);
        assertThat(received.path()).isEqualTo("/api/v1/audit/records");
        assertThat(received.query()).isEqualTo("entityType=slot&page=0");
        assertThat(received.header("Authorization")).isEqualTo(admin);
        assertThat(GatewayHttp.json(http.get("/v3/api-docs/audit"))
                        .get("service")
                        .asString())
                .isEqualTo("audit");
    }

    @Test
    void orderPathsAreRoutedToTheOrdersServiceWithTheTokenAndQuery() {
        var admin = "Bearer " + issuer.token(UUID.randomUUID(), "admin@example.com", "ADMIN");
        var requestId = newRequestId();

        var order = http.get("/api/v1/orders/b563feb7b2b84b6test", "Authorization", admin, "X-Request-Id", requestId);
        var list = http.get("/api/v1/orders?customerId=test&page=0", "Authorization", admin);

        assertThat(GatewayHttp.json(order).get("service").asString()).isEqualTo("orders");
        assertThat(GatewayHttp.json(list).get("service").asString()).isEqualTo("orders");
        var received = ORDERS.byRequestId(requestId);
        assertThat(received.path()).isEqualTo("/api/v1/orders/b563feb7b2b84b6test");
        assertThat(received.header("Authorization")).isEqualTo(admin);
    }

    @Test
    void importPathsAreRoutedToTheIngestService() {
        var manager = "Bearer " + issuer.token(UUID.randomUUID(), "manager@example.com", "CLINIC_MANAGER");

        for (var path : new String[] {
            "/api/v1/datasets",
            "/api/v1/naming?dataset=doctors",
            "/api/v1/imports",
            "/api/v1/imports/42/errors",
            "/api/v1/uploads"
        }) {
            var response = http.get(path, "Authorization", manager);
            assertThat(GatewayHttp.json(response).get("service").asString())
                    .as(path)
                    .isEqualTo("ingest");
        }
    }

    @Test
    void anAuditQueryWithoutATokenIsRefusedAtTheGateway() {
        var before = AUDIT.received().size();

        assertUnauthorized(http.get("/api/v1/audit/records"), "unauthorized");
        assertThat(AUDIT.received()).hasSize(before);
    }

    @Test
    void forwardedHeadersDescribeTheClientConnectionAndAForgedAddressFromAnUntrustedPeerIsDropped() {
        var requestId = newRequestId();

        http.from("127.0.0.2").get("/api/v1/clinics", "X-Request-Id", requestId, "X-Forwarded-For", "6.6.6.6");

        var received = BOOKING.byRequestId(requestId);
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.2");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(received.headers().get("x-forwarded-for")).hasSize(1);
    }

    @Test
    void behindATrustedLoadBalancerTheRealClientAddressIsForwardedAndForgedEntriesAreDropped() {
        var requestId = newRequestId();

        // The client forged 6.6.6.6 and the load balancer appended the client's real address.
        http.get("/api/v1/clinics", "X-Request-Id", requestId, "X-Forwarded-For", "6.6.6.6, 203.0.113.9");

        var received = BOOKING.byRequestId(requestId);
        assertThat(received.headers().get("x-forwarded-for")).containsExactly("203.0.113.9");
    }

    @Test
    void theRateLimitBucketIsTheRealClientsNotTheForgedAddress() {
        var peer = http.from("127.0.0.3");

        var first = peer.get("/api/v1/specialties", "X-Forwarded-For", "198.51.100.1");
        var second = peer.get("/api/v1/specialties", "X-Forwarded-For", "198.51.100.2");
        var behindTheBalancer = http.get("/api/v1/specialties", "X-Forwarded-For", "198.51.100.77");

        // A peer without a trusted proxy cannot get a fresh bucket by inventing addresses...
        assertThat(remaining(second)).isEqualTo(remaining(first) - 1);
        // ...while a client behind the trusted load balancer has its own bucket (300 a minute, one spent).
        assertThat(remaining(behindTheBalancer)).isEqualTo(299);
    }

    private static long remaining(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Long.parseLong(
                response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void httpsReportedByTheTrustedLoadBalancerGetsOneHstsHeaderAndIsForwardedAsHttps() {
        var requestId = newRequestId();

        var https = http.get("/api/v1/clinics", "X-Request-Id", requestId, "X-Forwarded-Proto", "https");
        var forged = http.from("127.0.0.2").get("/api/v1/clinics", "X-Forwarded-Proto", "https");

        assertThat(https.headers().allValues("Strict-Transport-Security")).hasSize(1);
        assertThat(BOOKING.byRequestId(requestId).header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(forged.headers().allValues("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void publicAuthEndpointsPassWithoutAToken() {
        var response = http.send(http.request("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\",\"password\":\"secret\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayHttp.json(response).get("path").asString()).isEqualTo("/api/v1/auth/login");
    }

    @Test
    void anOversizedStreamedBodyIsA413NotABlamedService() {
        var big = ("{\"email\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var response = http.send(http.request("/api/v1/auth/register")
                .header("Content-Type", "application/json")
                // no Content-Length: the limit is found while the gateway streams the body to the service
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(GatewayHttp.json(response).get("type").asString())
                .isEqualTo("urn:polyclinic:problem:payload-too-large");
    }

    @Test
    void aProtectedRouteWithoutATokenIsA401ProblemAndIsNotForwarded() {
        var before = BOOKING.received().size();

        var response = http.get("/api/v1/appointments/me");

        assertUnauthorized(response, "unauthorized");
        assertThat(BOOKING.received()).hasSize(before);
    }

    @Test
    void aForgedTokenIsRefusedEvenOnAPublicRoute() {
        var forged = "Bearer " + issuer.forgedToken(UUID.randomUUID(), "PATIENT");

        var response = http.get("/api/v1/doctors", "Authorization", forged);

        assertUnauthorized(response, "invalid-token");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var expired = "Bearer " + issuer.expiredToken(UUID.randomUUID(), "PATIENT");

        assertUnauthorized(http.get("/api/v1/appointments/me", "Authorization", expired), "invalid-token");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        var other = "Bearer " + issuer.tokenForAudience("another-api", UUID.randomUUID(), "PATIENT");

        assertUnauthorized(http.get("/api/v1/users/me", "Authorization", other), "invalid-token");
    }

    @Test
    void aTooSlowServiceIsA504Problem() {
        var response = http.get("/api/v1/doctors/slow");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = GatewayHttp.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:gateway-timeout");
        assertThat(problem.get("detail").asString()).doesNotContain("127.0.0.1").doesNotContain("Exception");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        var before = BOOKING.received().size();

        var response = http.send(http.request("/api/v1/appointments")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("POST");
        assertThat(BOOKING.received()).hasSize(before);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        var response = http.send(http.request("/api/v1/appointments")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aCrossOriginResponseCarriesTheGatewaysCorsHeadersOnlyOnce() {
        var requestId = newRequestId();

        var response = http.get("/api/v1/doctors", "Origin", ALLOWED_ORIGIN, "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED_ORIGIN);
        assertThat(BOOKING.byRequestId(requestId).header("Origin")).isNull();
    }

    @Test
    void swaggerUiListsEveryServicesApiDocs() {
        var config = http.get("/v3/api-docs/swagger-config");

        assertThat(config.statusCode()).isEqualTo(200);
        var urls = GatewayHttp.json(config).get("urls");
        assertThat(urls.findValuesAsString("url"))
                .containsExactlyInAnyOrder(
                        "/v3/api-docs/identity",
                        "/v3/api-docs/booking",
                        "/v3/api-docs/audit",
                        "/v3/api-docs/orders",
                        "/v3/api-docs/ingest",
                        "/v3/api-docs/analytics");
        assertThat(http.get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }

    @Test
    void aServicesApiDocsAreServedThroughTheGatewayWithTheGatewayAsServer() {
        var requestId = newRequestId();

        var response = http.get("/v3/api-docs/identity", "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IDENTITY.byRequestId(requestId).path()).isEqualTo("/v3/api-docs");
        var document = GatewayHttp.json(response);
        assertThat(document.get("service").asString()).isEqualTo("identity");
        assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void anUnknownPathIsNotForwarded() {
        var token = patientToken();
        var before = IDENTITY.received().size() + BOOKING.received().size();

        var response = http.get("/api/v1/nothing-here", "Authorization", token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(IDENTITY.received().size() + BOOKING.received().size()).isEqualTo(before);
    }

    @Test
    void requestsTheServerRefusesItselfAreProblemsAndAreNotForwarded() {
        var before = BOOKING.received().size();

        var encodedSlash = http.get("/api/v1/doctors%2F..");
        var hugeHeader = http.get("/api/v1/doctors", "X-Padding", "a".repeat(20_000));
        var firewalled = http.get("/api/v1/doctors;jsessionid=abc");

        for (var response : java.util.List.of(encodedSlash, hugeHeader, firewalled)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(GatewayHttp.json(response).get("type").asString())
                    .isEqualTo("urn:polyclinic:problem:bad-request");
        }
        assertThat(BOOKING.received()).hasSize(before);
    }

    @Test
    void actuatorEndpointsOtherThanHealthNeedAnAdminAtTheGateway() {
        var admin = "Bearer " + issuer.token(UUID.randomUUID(), "admin@example.com", "ADMIN");

        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertUnauthorized(http.get("/actuator/prometheus"), "unauthorized");
        assertThat(http.get("/actuator/prometheus", "Authorization", patientToken())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", "Authorization", admin).statusCode())
                .isEqualTo(200);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String slug) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var problem = GatewayHttp.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:polyclinic:problem:" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
    }
}
