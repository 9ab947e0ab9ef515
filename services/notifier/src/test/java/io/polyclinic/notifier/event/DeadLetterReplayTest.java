package io.polyclinic.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.notifier.NotifierTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/notifier/dead-letters/replay}: after a fix, an admin puts the dead-lettered booking events and
 * email jobs through again, and learns how many were replayed.
 */
class DeadLetterReplayTest extends NotifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    private HttpResponse<String> replay(String token) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/notifier/dead-letters/replay"))
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminReplaysTheDeadLetteredEventsAndJobsAndEachSendsItsEmail() throws Exception {
        var patient = newRecipient();
        var appointment = BookingEvents.Appointment.of(patient, "en", hoursAhead(72));
        BookingEvents.sendToDeadLetterTopic(
                appointment.doctorId().toString(),
                BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));
        var jobRecipient = newRecipient();
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setHeader("x-exception-message", "the database was down");
        rabbit.send(
                "",
                "notifications.email.dlq",
                new Message(
                        JSON.writeValueAsString(Map.of(
                                        "id", "replayed-" + id(), "to", jobRecipient, "subject", "Back", "text", "Hi"))
                                .getBytes(StandardCharsets.UTF_8),
                        properties));

        var response = replay(TestJwtIssuer.shared().token(Ids.newId(), "admin@test", "ADMIN"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.at("/events/replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.at("/events/left").asLong()).isZero();
        assertThat(report.at("/jobs/replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(awaitMailTo(patient, 1)).hasSize(1);
        assertThat(awaitMailTo(jobRecipient, 1)).hasSize(1);

        // A second replay starts where the first stopped: the event is not handled again.
        var again = JSON.readTree(replay(TestJwtIssuer.shared().token(Ids.newId(), "admin@test", "ADMIN"))
                .body());
        assertThat(again.at("/events/replayed").asInt()
                        + again.at("/events/deadLetteredAgain").asInt())
                .isLessThan(report.at("/events/replayed").asInt()
                        + report.at("/events/deadLetteredAgain").asInt()
                        + 1);
        assertNoMoreMailTo(patient, 1);
    }

    @Test
    void onlyAnAdminMayReplay() throws Exception {
        assertThat(replay(null).statusCode()).isEqualTo(401);
        assertThat(replay(TestJwtIssuer.shared().token(Ids.newId(), "p@test", "PATIENT"))
                        .statusCode())
                .isEqualTo(403);
    }
}
