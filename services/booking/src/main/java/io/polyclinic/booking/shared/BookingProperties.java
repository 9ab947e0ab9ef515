package io.polyclinic.booking.shared;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Booking rules and limits ({@code polyclinic.booking.*}).
 *
 * @param minNotice how far ahead a slot must start to be booked ({@code min-notice}, default {@code 1h})
 * @param cancelCutoff until how long before the start a patient may cancel ({@code cancel-cutoff}, default {@code 2h})
 * @param maxFutureAppointments how many future BOOKED appointments one patient may hold
 *     ({@code max-future-appointments}, default 5)
 * @param maxSlotRangeDays the widest date range of slot listings and date-range search ({@code max-slot-range-days},
 *     default 31 days)
 * @param maxWorkingPlanDays the widest date range of one working plan ({@code max-working-plan-days}, default 92 days)
 * @param maxAdvance how far ahead a slot may start to be booked or rescheduled onto ({@code max-advance}, default
 *     {@code 90d})
 * @param completion the job that marks ended appointments COMPLETED ({@code completion.*})
 */
@Validated
@ConfigurationProperties("polyclinic.booking")
public record BookingProperties(
        @DefaultValue("1h") @NotNull Duration minNotice,
        @DefaultValue("2h") @NotNull Duration cancelCutoff,
        @DefaultValue("5") @Min(1) @Max(1000) int maxFutureAppointments,
        @DefaultValue("31") @Min(1) @Max(366) int maxSlotRangeDays,
        @DefaultValue("92") @Min(1) @Max(366) int maxWorkingPlanDays,
        @DefaultValue("90d") @NotNull Duration maxAdvance,
        @DefaultValue @Valid Completion completion) {

    /**
     * The completion job: BOOKED appointments whose slot has ended become COMPLETED (never a NO_SHOW one).
     *
     * @param enabled run the job ({@code polyclinic.booking.completion.enabled}, default {@code true})
     * @param interval pause between two runs ({@code interval}, default {@code 1m})
     * @param batchSize appointments completed per transaction ({@code batch-size}, default 500)
     */
    public record Completion(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") @NotNull Duration interval,
            @DefaultValue("500") @Min(1) @Max(10000) int batchSize) {}
}
