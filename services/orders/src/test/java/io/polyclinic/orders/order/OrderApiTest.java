package io.polyclinic.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.orders.OrdersTest;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/v1/orders/...} as administrators, patients and strangers see it. */
class OrderApiTest extends OrdersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private final String admin = TestJwtIssuer.shared().token(UUID.randomUUID(), "admin@test", "ADMIN");
    private final String patient = TestJwtIssuer.shared().token(UUID.randomUUID(), "patient@test", "PATIENT");

    @Test
    void anAdministratorGetsTheOrderInTheWbL0Format() throws Exception {
        var order = storedOrder();

        var response = get("/api/v1/orders/" + uid(order), admin);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body())).isEqualTo(order);
        assertThat(response.body()).contains("\"order_uid\"", "\"date_created\":\"2021-11-26T06:22:19Z\"");
    }

    @Test
    void aPatientIsRefusedAndAStrangerMustAuthenticate() throws Exception {
        var order = storedOrder();

        assertThat(get("/api/v1/orders/" + uid(order), patient).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/orders?customerId=test", patient).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/orders/" + uid(order), null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownOrderIsA404Problem() throws Exception {
        var response = get("/api/v1/orders/nosuchorder123", admin);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void anIdThatCannotBeAnOrdersIsA400Problem() throws Exception {
        for (var id : new String[] {"x".repeat(65), "a%20b", "%27%3Bdrop%20table%20orders"}) {
            var response = get("/api/v1/orders/" + id, admin);

            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void anAdministratorListsACustomersOrdersNewestFirst() throws Exception {
        var customer = "c" + UUID.randomUUID().toString().replace("-", "");
        var older = freshOrder().put("customer_id", customer).put("date_created", "2024-01-01T10:00:00Z");
        var newer = freshOrder().put("customer_id", customer).put("date_created", "2025-01-01T10:00:00Z");
        publish(null, uid(older), bytes(older));
        publish(null, uid(newer), bytes(newer));
        Awaitility.await().atMost(WAIT).until(() -> stored(uid(older)) + stored(uid(newer)) == 2);

        var response = get("/api/v1/orders?customerId=" + customer + "&page=0&size=10", admin);

        assertThat(response.statusCode()).isEqualTo(200);
        var page = JSON.readTree(response.body());
        assertThat(page.get("totalItems").asInt()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("order_uid").asString()).isEqualTo(uid(newer));
        assertThat(page.get("items").get(1)).isEqualTo(older);
    }

    @Test
    void theBenchmarksReferenceAnswersTheSameBytesAsTheOrderEndpoint() throws Exception {
        var sample = (tools.jackson.databind.node.ObjectNode) JSON.readTree(sampleBytes());
        publish(null, uid(sample), sampleBytes());
        Awaitility.await().atMost(WAIT).until(() -> stored(uid(sample)) == 1);

        var reference = get("/bench/orders/reference", admin);
        var order = get("/api/v1/orders/" + uid(sample), admin);

        assertThat(reference.statusCode()).isEqualTo(200);
        assertThat(reference.body()).isEqualTo(order.body());
        assertThat(get("/bench/orders/reference", patient).statusCode()).isEqualTo(403);
    }

    private tools.jackson.databind.node.ObjectNode storedOrder() {
        var order = freshOrder();
        publish(null, uid(order), bytes(order));
        Awaitility.await().atMost(WAIT).until(() -> stored(uid(order)) == 1);
        return order;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
