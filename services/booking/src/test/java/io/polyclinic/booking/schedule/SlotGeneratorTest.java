package io.polyclinic.booking.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.schedule.WeeklyPlan.LocalTimeRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotGeneratorTest {

    private static WeeklyPlan plan(
            LocalDate from, LocalDate to, String start, String end, int minutes, LocalTimeRange... breaks) {
        return new WeeklyPlan(
                from,
                to,
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.parse(start),
                LocalTime.parse(end),
                List.of(breaks),
                minutes);
    }

    @Test
    void slotsKeepTheirLocalTimesAcrossTheSpringDaylightSavingChangeInBerlin() {
        var zone = ZoneId.of("Europe/Berlin");
        var slots = SlotGenerator.generate(
                plan(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), "09:00", "10:00", 60), zone);
        assertThat(slots)
                .extracting(SlotGenerator.Interval::start)
                .containsExactly(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    void slotsKeepTheirLocalTimesAcrossTheAutumnChangeInBerlin() {
        var zone = ZoneId.of("Europe/Berlin");
        var slots = SlotGenerator.generate(
                plan(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 25), "09:00", "09:30", 30), zone);
        assertThat(slots)
                .extracting(SlotGenerator.Interval::start)
                .containsExactly(Instant.parse("2026-10-24T07:00:00Z"), Instant.parse("2026-10-25T08:00:00Z"));
    }

    @Test
    void slotsStartingInTheSpringGapAreSkippedButTheSlotEndingInItKeepsItsThirtyMinutes() {
        var zone = ZoneId.of("Europe/Berlin");
        var slots = SlotGenerator.generate(
                plan(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29), "01:00", "04:00", 30), zone);
        // 02:00..03:00 does not exist that night: the 02:00 and 02:30 starts are skipped; 01:30-02:00 local ends
        // in the gap, at 03:00 CEST: 00:30Z-01:00Z, a real 30-minute slot
        assertThat(slots)
                .containsExactly(
                        new SlotGenerator.Interval(
                                Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T00:30:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:00:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-29T02:00:00Z")));
    }

    @Test
    void noSlotInTheAutumnOverlapLastsLongerThanItsLength() {
        var zone = ZoneId.of("Europe/Berlin");
        var slots = SlotGenerator.generate(
                plan(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25), "01:30", "04:00", 30), zone);
        // 02:30 CEST + 30 min is 02:00 CET, not the local end 03:00: that slot would last 90 minutes and is skipped
        assertThat(slots)
                .containsExactly(
                        new SlotGenerator.Interval(
                                Instant.parse("2026-10-24T23:30:00Z"), Instant.parse("2026-10-25T00:00:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T00:30:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-25T02:30:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-10-25T02:30:00Z"), Instant.parse("2026-10-25T03:00:00Z")));
    }

    @Test
    void vladivostokSlotsAreTenHoursAheadOfUtc() {
        var slots = SlotGenerator.generate(
                plan(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1), "09:00", "10:00", 30),
                ZoneId.of("Asia/Vladivostok"));
        assertThat(slots)
                .containsExactly(
                        new SlotGenerator.Interval(
                                Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-11-30T23:30:00Z")),
                        new SlotGenerator.Interval(
                                Instant.parse("2026-11-30T23:30:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void breaksAndOnlyTheChosenDaysAreRespected() {
        var plan = new WeeklyPlan(
                LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 6),
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0),
                LocalTime.of(12, 0),
                List.of(new LocalTimeRange(LocalTime.of(10, 15), LocalTime.of(11, 0))),
                45);
        var slots = SlotGenerator.generate(plan, ZoneId.of("UTC"));
        // 09:00-09:45, (09:45-10:30 hits the break) 11:00-11:45, on Monday 30th and Friday 4th
        assertThat(slots)
                .extracting(SlotGenerator.Interval::start)
                .containsExactly(
                        Instant.parse("2026-11-30T09:00:00Z"),
                        Instant.parse("2026-11-30T11:00:00Z"),
                        Instant.parse("2026-12-04T09:00:00Z"),
                        Instant.parse("2026-12-04T11:00:00Z"));
    }
}
