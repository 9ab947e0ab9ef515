package io.polyclinic.collector.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.collector.CollectorTest;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Once the sites topic is read the collector is ready; the counters move with what clients send. */
class ReadinessAndMetricsTest extends CollectorTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void readyAfterTheSitesAreLoadedAndEveryOutcomeIsCounted() {
        var site = newSite();
        var readiness =
                send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .build());
        assertThat(readiness.statusCode()).isEqualTo(200);

        double published =
                meters.get("analytics.collector.events.published").counter().count();
        post("/track", track(site, "/counted"), BROWSER, freshAddress());
        post(
                "/track",
                "{\"siteId\":\"nobody\",\"eventType\":\"pageview\",\"url\":\"https://x.example/\"}",
                BROWSER,
                freshAddress());

        assertThat(meters.get("analytics.collector.events.published").counter().count())
                .isEqualTo(published + 1);
        assertThat(meters.get("analytics.collector.events.rejected")
                        .tag("reason", "unknown-site")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("analytics.collector.events.accepted")
                        .tag("format", "track")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }
}
