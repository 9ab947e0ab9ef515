package io.polyclinic.analytics.alert;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST} and {@code PUT /api/v1/analytics/sites/{id}/alerts[/{alertId}]}, e.g.
 * {@code {"kind":"VISITORS_PER_HOUR","threshold":1000,"cooldownMinutes":60,"email":"ops@clinic.example"}}.
 *
 * @param kind {@code VISITORS_PER_HOUR} or {@code NO_PAGEVIEWS}
 * @param threshold visitors per hour (1..100,000,000), or minutes without pageviews (1..10,080, a week)
 * @param cooldownMinutes quiet time after a firing, 1..10,080 minutes; default 60
 * @param email the recipient, one address, at most 254 characters
 * @param locale {@code ru} or {@code en}; default {@code en}
 * @param enabled default true
 */
public record AlertRuleRequest(
        @NotNull AlertKind kind,
        @NotNull @Min(1) @Max(100_000_000) Integer threshold,
        @Min(1) @Max(10_080) Integer cooldownMinutes,

        @NotBlank @Email @Size(max = 254) @Pattern(regexp = "[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,253}")
        String email,

        @Pattern(regexp = "ru|en") String locale,
        Boolean enabled) {

    /** The longest "no pageviews" window: a week of minutes. */
    static final int MAX_QUIET_MINUTES = 10_080;

    int cooldownOrDefault() {
        return cooldownMinutes == null ? 60 : cooldownMinutes;
    }

    String localeOrDefault() {
        return locale == null ? "en" : locale;
    }

    boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}
