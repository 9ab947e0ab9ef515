package io.polyclinic.platform.web;

import io.polyclinic.platform.problem.ProblemResponseWriter;
import io.polyclinic.platform.web.sse.EventStreams;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP middleware every service gets (S0): request id, access log, request timeout, body size limit, problem
 * details for every error path, and a problem-shaped {@code /error}.
 *
 * <p>Requests that Tomcat refuses before any filter runs (malformed or oversized request line or headers, an encoded
 * slash in the path) are problems too ({@link ProblemErrorReportValve}); the client address and protocol come from
 * trusted proxies only ({@link TrustedProxiesEnvironmentPostProcessor}); Server-Sent Events streams are opened with
 * {@link EventStreams}.
 *
 * <p>Filter order, outermost first: request id (so every later line has it), access log (so it times and logs
 * everything, rejections included), body limit, timeout, then Spring Security and MVC.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({HttpProperties.class, PlatformWebProperties.class})
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class})
public class PlatformWebAutoConfiguration {

    /** Filters run before Spring Security's chain, whose default order is -100. */
    private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(JsonMapper jsonMapper) {
        return new ProblemResponseWriter(jsonMapper);
    }

    /** Heartbeats and a clean end on shutdown for every Server-Sent Events stream of the service. */
    @Bean
    @ConditionalOnMissingBean
    EventStreams eventStreams(PlatformWebProperties properties) {
        return new EventStreams(properties.sse().heartbeat());
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(FIRST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(FIRST + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            HttpProperties properties, ProblemResponseWriter writer) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                properties.maxBodySize().toBytes(),
                properties.maxMultipartSize().toBytes(),
                writer));
        registration.setOrder(FIRST + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestTimeoutFilter> requestTimeoutFilter(
            HttpProperties properties, ProblemResponseWriter writer) {
        var registration = new FilterRegistrationBean<>(new RequestTimeoutFilter(properties.requestTimeout(), writer));
        registration.setOrder(FIRST + 3);
        return registration;
    }

    /** Tomcat answers the requests it refuses itself with a problem, not its HTML error page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    static class TomcatErrorReportConfiguration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValveCustomizer() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
