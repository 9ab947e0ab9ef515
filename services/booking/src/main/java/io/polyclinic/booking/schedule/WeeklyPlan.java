package io.polyclinic.booking.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A weekly working plan in local time: on {@code days} between {@code from} and {@code to} (inclusive), work from
 * {@code start} to {@code end} except {@code breaks}, in slots of {@code slotMinutes}.
 */
public record WeeklyPlan(
        LocalDate from,
        LocalDate to,
        Set<DayOfWeek> days,
        LocalTime start,
        LocalTime end,
        List<LocalTimeRange> breaks,
        int slotMinutes) {

    /** A local time range {@code [start, end)} within a day. */
    public record LocalTimeRange(LocalTime start, LocalTime end) {}
}
