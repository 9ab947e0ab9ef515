package io.polyclinic.analytics.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alert evaluation ({@code polyclinic.analytics.alerts.*}).
 *
 * @param evaluateInterval how often every due rule is evaluated ({@code evaluate-interval}, default {@code 30s}); a
 *     "visitors per hour" rule of a site with new traffic is evaluated sooner, on the stream
 * @param streamDebounce how often at most one site's rules are evaluated because of its traffic
 *     ({@code stream-debounce}, default {@code 5s})
 * @param emailQueue the RabbitMQ queue of the notifier's email jobs ({@code email-queue}, default
 *     {@code notifications.email}); jobs go through the outbox, so a firing and its email commit together
 * @param dashboardUrl the link the email gives to the site's reports, or empty for none ({@code dashboard-url})
 */
@Validated
@ConfigurationProperties("polyclinic.analytics.alerts")
public record AlertProperties(
        @DefaultValue("30s") @NotNull Duration evaluateInterval,
        @DefaultValue("5s") @NotNull Duration streamDebounce,
        @DefaultValue("notifications.email") @NotBlank String emailQueue,
        @DefaultValue("") String dashboardUrl) {}
