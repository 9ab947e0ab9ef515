package io.polyclinic.web.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web UI's settings ({@code polyclinic.web-ui.*}).
 *
 * @param apiUri the gateway's base URI, where every API call goes (default {@code http://localhost:8080})
 * @param apiTimeouts how long a page waits for the API
 * @param session the browser session cookie
 * @param defaultTimeZone the zone shown when a page has no clinic to take one from (default {@code Europe/Moscow})
 */
@Validated
@ConfigurationProperties("polyclinic.web-ui")
public record WebUiProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI apiUri,
        @Valid @NotNull @DefaultValue ApiTimeouts apiTimeouts,
        @Valid @NotNull @DefaultValue Session session,
        @NotBlank @DefaultValue("Europe/Moscow") String defaultTimeZone) {

    /**
     * @param connect time to open a connection to the gateway (default 2 s)
     * @param read time to wait for the whole answer (default 10 s)
     */
    public record ApiTimeouts(
            @NotNull @DefaultValue("2s") Duration connect,
            @NotNull @DefaultValue("10s") Duration read) {}

    /**
     * The encrypted session cookie (decision 0051).
     *
     * @param keys AES-256 keys, Base64 of 32 bytes each: the first encrypts, every one decrypts (so a key can be
     *     rotated without logging everyone out); secret, from the environment only ({@code POLYCLINIC_WEB_UI_SESSION_KEYS})
     * @param cookieName the cookie's name (default {@code PC_SESSION})
     * @param secure whether cookies carry {@code Secure} (default {@code true}; browsers accept it on
     *     {@code http://localhost} too)
     * @param maxAge how long the browser keeps the cookie, at most the refresh token's lifetime (default 30 days)
     * @param refreshBefore how long before the access token expires it is refreshed (default 30 s)
     */
    public record Session(
            @DefaultValue List<String> keys,
            @NotBlank @DefaultValue("PC_SESSION") String cookieName,
            @DefaultValue("true") boolean secure,
            @NotNull @DefaultValue("30d") Duration maxAge,
            @NotNull @DefaultValue("30s") Duration refreshBefore) {}
}
