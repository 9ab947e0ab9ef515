package io.polyclinic.web.config;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.session.SessionCipher;
import io.polyclinic.web.session.SessionCookies;
import io.polyclinic.web.session.SessionService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The web UI's beans: the API client and the browser session. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebUiProperties.class)
class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ApiClient apiClient(WebUiProperties properties, RestClient.Builder builder, JsonMapper jsonMapper) {
        return new ApiClient(properties, builder, jsonMapper);
    }

    @Bean
    SessionCookies sessionCookies(WebUiProperties properties) {
        return new SessionCookies(new SessionCipher(properties.session().keys()), properties.session());
    }

    @Bean
    SessionService sessionService(
            ApiClient apiClient, SessionCookies cookies, WebUiProperties properties, Clock clock) {
        return new SessionService(apiClient, cookies, properties.session().refreshBefore(), clock);
    }
}
