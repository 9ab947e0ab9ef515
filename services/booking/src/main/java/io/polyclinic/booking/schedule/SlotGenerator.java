package io.polyclinic.booking.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a {@link WeeklyPlan} into slot instants in a clinic's time zone.
 *
 * <p>Every slot is laid out on the local wall clock: {@code 09:00-09:30}, {@code 09:30-10:00}, ... A slot that
 * would overlap a break restarts at the break's end; a slot that does not fit before the day's end is dropped. Every
 * slot lasts exactly {@code slotMinutes}: its end is its start instant plus the length. Around a daylight-saving
 * change a slot whose local start does not exist (the gap) is skipped, and so is one whose real end is not where
 * its local end falls: in the overlap the start takes the earlier offset ({@link ZonedDateTime#of}), so
 * {@code 02:30-03:00} on the Berlin autumn night would last 90 minutes and is skipped; a slot ending in the gap
 * ({@code 01:30-02:00} on the spring night, really {@code 01:30-03:00} local) lasts its 30 minutes and is kept.
 */
public final class SlotGenerator {

    private SlotGenerator() {}

    /** One generated slot, {@code [start, end)}. */
    public record Interval(Instant start, Instant end) {}

    /** The plan's slots in {@code zone}, by start. */
    public static List<Interval> generate(WeeklyPlan plan, ZoneId zone) {
        var length = Duration.ofMinutes(plan.slotMinutes());
        var breaks = plan.breaks().stream()
                .sorted(Comparator.comparing(WeeklyPlan.LocalTimeRange::start))
                .toList();
        var result = new ArrayList<Interval>();
        for (var date = plan.from(); !date.isAfter(plan.to()); date = date.plusDays(1)) {
            if (!plan.days().contains(date.getDayOfWeek())) {
                continue;
            }
            var start = plan.start();
            while (true) {
                var end = start.plus(length);
                if (end.isBefore(start) || end.isAfter(plan.end()) || (end.equals(LocalTime.MIDNIGHT))) {
                    break;
                }
                var clash = clash(breaks, start, end);
                if (clash != null) {
                    start = clash.end();
                    continue;
                }
                var localStart = LocalDateTime.of(date, start);
                if (exists(localStart, zone)) {
                    var startInstant = ZonedDateTime.of(localStart, zone).toInstant();
                    var endInstant = startInstant.plus(length);
                    // the local end, resolved on its own (a gap time shifts forward), must be one slot length later
                    var expectedEnd =
                            ZonedDateTime.of(LocalDateTime.of(date, end), zone).toInstant();
                    if (endInstant.equals(expectedEnd)) {
                        result.add(new Interval(startInstant, endInstant));
                    }
                }
                start = end;
            }
        }
        return result;
    }

    private static WeeklyPlan.LocalTimeRange clash(
            List<WeeklyPlan.LocalTimeRange> breaks, LocalTime start, LocalTime end) {
        for (var b : breaks) {
            if (start.isBefore(b.end()) && b.start().isBefore(end)) {
                return b;
            }
        }
        return null;
    }

    /** False inside a daylight-saving gap, where the local time never shows on a clock. */
    private static boolean exists(LocalDateTime local, ZoneId zone) {
        return !zone.getRules().getValidOffsets(local).isEmpty();
    }
}
