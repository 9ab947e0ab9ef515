package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.polyclinic.platform.web.sse.EventStreams;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A service that stops while a Server-Sent Events stream is open ends the stream cleanly. */
class EventStreamsShutdownTest {

    @Test
    void stoppingTheServiceCompletesAnOpenStreamWithoutLoggingAnError() throws Exception {
        var service = new SpringApplicationBuilder(PlatformTestApplication.class)
                .initializers(new TestJwtIssuer.Initializer())
                .properties("server.port=0", "polyclinic.web.sse.heartbeat=200ms")
                .run();
        var port = service.getEnvironment().getRequiredProperty("local.server.port");
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/public/stream?count=0" + "&intervalMs=100"))
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        root.addAppender(logged);
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            lines.add(reader.readLine());
            var streams = service.getBean(EventStreams.class);
            assertThat(streams.openStreams()).isEqualTo(1);

            service.close();

            // The stream ends (end of input), it does not break off with an I/O error.
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
            assertThat(streams.openStreams()).isZero();
        } finally {
            root.detachAppender(logged);
        }
        assertThat(lines).contains("event:tick");
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .isEmpty();
    }
}
