package io.polyclinic.ingest.bookingimport;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How ingest reaches booking's bulk import ({@code polyclinic.ingest.booking.*}).
 *
 * @param target booking's gRPC address as Spring gRPC names it ({@code target}, default
 *     {@code static://localhost:9082})
 * @param batchRows rows per call ({@code batch-rows}, default 500; booking caps a call at 999 rows)
 * @param deadline the longest one call may take ({@code deadline}, default {@code 2m})
 * @param maxAllOrNothingRows the most rows an all-or-nothing import of doctors or slots may hold
 *     ({@code max-all-or-nothing-rows}, default 200000): it is checked whole (a dry run) before anything is loaded,
 *     so its rows are kept in memory until then
 */
@Validated
@ConfigurationProperties("polyclinic.ingest.booking")
public record BookingImportProperties(
        @DefaultValue("static://localhost:9082") @NotBlank String target,
        @DefaultValue("500") @Min(1) @Max(999) int batchRows,
        @DefaultValue("2m") @NotNull Duration deadline,
        @DefaultValue("200000") @Min(1) @Max(2000000) int maxAllOrNothingRows) {}
