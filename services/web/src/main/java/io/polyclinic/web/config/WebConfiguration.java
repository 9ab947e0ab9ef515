package io.polyclinic.web.config;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.error.ErrorDispatchFilter;
import io.polyclinic.web.session.BrowserSessions;
import io.polyclinic.web.session.SessionCipher;
import io.polyclinic.web.session.SessionCookies;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
        return new ApiClient(
                properties.apiUri(),
                properties.apiTimeouts().connect(),
                properties.apiTimeouts().read(),
                builder,
                jsonMapper);
    }

    @Bean
    SessionCookies sessionCookies(WebUiProperties properties) {
        var session = properties.session();
        return new SessionCookies(
                new SessionCipher(session.keys()), session.cookieName(), session.secure(), session.maxAge());
    }

    /** Our error page for errors the servlet container handles (its error dispatch). */
    @Bean
    FilterRegistrationBean<ErrorDispatchFilter> errorDispatchFilter() {
        var registration = new FilterRegistrationBean<>(new ErrorDispatchFilter());
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    BrowserSessions browserSessions(
            ApiClient apiClient, SessionCookies cookies, WebUiProperties properties, Clock clock) {
        return new BrowserSessions(apiClient, cookies, properties.session().refreshBefore(), clock);
    }
}
