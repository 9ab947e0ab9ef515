package io.polyclinic.analytics.realtime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live view's settings ({@code polyclinic.analytics.realtime.*}).
 *
 * @param pushInterval how often the figures of every site with an open stream are read and, when they changed, sent
 *     ({@code push-interval}, default {@code 2s}); one read per site, whatever the number of its streams
 * @param maxStreams the most live streams one instance keeps open; one more is answered 503 with a problem
 *     ({@code max-streams}, default 500)
 */
@Validated
@ConfigurationProperties("polyclinic.analytics.realtime")
public record RealtimeProperties(
        @DefaultValue("2s") @NotNull Duration pushInterval,
        @DefaultValue("500") @Min(1) @Max(100_000) int maxStreams) {}
