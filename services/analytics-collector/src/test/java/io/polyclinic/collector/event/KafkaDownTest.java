package io.polyclinic.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.collector.CollectorTest;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With the broker down the collector answers 503, never 202; once it is back, events flow again. */
class KafkaDownTest extends CollectorTest {

    @Test
    void whileKafkaIsDownEventsAreAnswered503AndNoneIsAcceptedUnrecorded() {
        var site = newSite();
        var broker = EmbeddedKafkaServer.shared();
        broker.stop();
        try {
            long start = System.nanoTime();
            var during = post("/track", track(site, "/during"), BROWSER, freshAddress());
            var elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertProblem(during, 503, "events-unavailable");
            assertThat(during.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(elapsed).isLessThan(Duration.ofSeconds(12));
        } finally {
            broker.restart();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> post("/track", track(site, "/after"), BROWSER, freshAddress())
                                .statusCode()
                        == 202);

        assertThat(eventsUntil(site, "/after"))
                .extracting(e -> e.url().substring(e.url().lastIndexOf('/')))
                .doesNotContain("/during")
                .contains("/ready", "/after");
    }
}
