package io.polyclinic.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public edge of every service ({@code polyclinic.web.*}): which peers may speak for a client, whether the API
 * documents are served, and how Server-Sent Events streams are kept alive.
 *
 * @param trustedProxies the proxies (load balancer, gateway) allowed to report the client's address and protocol in
 *     {@code X-Forwarded-For} / {@code X-Forwarded-Proto}, as CIDR blocks such as {@code 10.0.3.0/24}; a bare address
 *     counts as one host. Default loopback only ({@code 127.0.0.0/8, ::1/128}): the dev stack, where the gateway
 *     forwards to the services on 127.0.0.1. A request from any other peer keeps the peer's own address, whatever it
 *     sends. Applied to Tomcat's {@code RemoteIpValve} at start ({@link TrustedProxiesEnvironmentPostProcessor})
 * @param apiDocsEnabled whether {@code /v3/api-docs} and Swagger UI are served (default {@code false}; the dev stack
 *     turns it on)
 * @param sse Server-Sent Events streams ({@code polyclinic.web.sse.*})
 */
@Validated
@ConfigurationProperties("polyclinic.web")
public record PlatformWebProperties(
        @NotNull @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedProxies,
        @DefaultValue("false") boolean apiDocsEnabled,
        @Valid @NotNull @DefaultValue Sse sse) {

    /**
     * @param heartbeat how often an open stream gets a comment line ({@code :}) so that proxies and clients do not
     *     take a quiet stream for a dead one (default 15 s)
     */
    public record Sse(@NotNull @DefaultValue("15s") Duration heartbeat) {}
}
