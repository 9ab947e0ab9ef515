package io.polyclinic.web.config;

import io.polyclinic.platform.web.sse.EventStreams;
import io.polyclinic.web.analytics.LiveStreamRelay;
import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.patient.TrackerSessions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The analytics pages' wiring (decision 0058): the relay of a site's live stream through the gateway, and the filter
 * that carries a tracked visit's session id to the booking.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsPagesConfiguration {

    @Bean
    TrackerSessions trackerSessions(WebUiProperties properties) {
        return new TrackerSessions(properties.session().secure());
    }

    @Bean
    LiveStreamRelay liveStreamRelay(WebUiProperties properties, ApiClient api, EventStreams streams) {
        return new LiveStreamRelay(properties.apiUri(), properties.apiTimeouts().connect(), api, streams);
    }
}
