package io.polyclinic.analytics.alert;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert rule of a site, as stored and answered.
 *
 * @param id the rule
 * @param siteId its site
 * @param kind what it watches
 * @param threshold for {@link AlertKind#VISITORS_PER_HOUR} the number of distinct visitors in the last hour that,
 *     when exceeded, fires it; for {@link AlertKind#NO_PAGEVIEWS} the minutes without a pageview that fire it
 * @param cooldownMinutes after a firing, the rule stays quiet this long (one spike, one email)
 * @param email the recipient
 * @param locale the email's language, {@code ru} or {@code en}
 * @param enabled whether it is evaluated
 * @param lastFiredAt when it last fired, or null
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 */
public record AlertRule(
        UUID id,
        UUID siteId,
        AlertKind kind,
        int threshold,
        int cooldownMinutes,
        String email,
        String locale,
        boolean enabled,
        @Nullable Instant lastFiredAt,
        Instant createdAt,
        Instant updatedAt) {}
