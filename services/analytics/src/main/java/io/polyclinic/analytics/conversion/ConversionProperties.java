package io.polyclinic.analytics.conversion;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Booking conversions and the live consumer ({@code polyclinic.analytics.conversions.*}).
 *
 * @param bookingTopic booking's event topic ({@code booking-topic}, default {@code booking.events})
 * @param rawEventsTopic the collector's topic ({@code raw-events-topic}, default {@code analytics.raw-events})
 * @param groupId the consumer group of both, apart from the processor's so that neither holds the other back
 *     ({@code group-id}, default {@code analytics-live})
 */
@Validated
@ConfigurationProperties("polyclinic.analytics.conversions")
public record ConversionProperties(
        @DefaultValue("booking.events") @NotBlank String bookingTopic,
        @DefaultValue("analytics.raw-events") @NotBlank String rawEventsTopic,
        @DefaultValue("analytics-live") @NotBlank String groupId) {}
