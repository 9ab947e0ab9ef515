package io.polyclinic.booking.search;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Doctor search limits ({@code polyclinic.booking.search.*}).
 *
 * @param defaultRadiusKm the radius of a distance search given {@code lat}/{@code lon} without {@code radiusKm}
 *     ({@code default-radius-km}, default 25)
 * @param maxRadiusKm the largest {@code radiusKm} accepted; larger is a 400 ({@code max-radius-km}, default 500)
 * @param maxResults how far a search counts and pages: {@code totalItems} stops at this number and pages beyond it
 *     are empty, so a broad search never scans the whole catalogue ({@code max-results}, default 1000, at most
 *     10,000: a search with fewer hits than this sorts their ids, passed as bind parameters, of which PostgreSQL takes
 *     at most 65,535 a statement)
 */
@Validated
@ConfigurationProperties("polyclinic.booking.search")
public record SearchProperties(
        @DefaultValue("25") @DecimalMin("0.1") @DecimalMax("20000")
        double defaultRadiusKm,

        @DefaultValue("500") @DecimalMin("0.1") @DecimalMax("20000")
        double maxRadiusKm,

        @DefaultValue("1000") @Min(100) @Max(10000) int maxResults) {}
