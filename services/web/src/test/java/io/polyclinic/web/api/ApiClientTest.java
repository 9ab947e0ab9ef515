package io.polyclinic.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web service reads the API's answers as a tolerant reader: an answer that gained a field the page does not know
 * still renders, even though the platform's mapper refuses unknown fields in requests (the cause of the staff pages'
 * 500s when booking's answers gained {@code address} and {@code phone}).
 */
class ApiClientTest {

    private HttpServer server;
    private ApiClient client;

    record Clinic(String id, String name) {}

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/clinics/1", exchange -> {
            var body = "{\"id\":\"1\",\"name\":\"Clinic <b>\",\"address\":\"Nevsky 1\",\"phone\":\"+78120000000\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        var strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        client = new ApiClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                RestClient.builder(),
                strict);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAnswerWithFieldsThePageDoesNotKnowIsStillRead() {
        var clinic = client.get("/api/v1/clinics/1", Clinic.class);

        assertThat(clinic).isEqualTo(new Clinic("1", "Clinic <b>"));
    }
}
