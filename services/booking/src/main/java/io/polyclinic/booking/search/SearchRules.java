package io.polyclinic.booking.search;

import java.time.Duration;

/**
 * The booking rules a search applies, handed over by the service's wiring (they are set with the booking rules,
 * {@code polyclinic.booking.*}, not with the search's own settings).
 *
 * @param minNotice a free slot shows only when it starts at least this long from now, so that it can be booked
 * @param maxDateRangeDays the widest date range ({@code from}..{@code to}, inclusive) a search accepts; wider is a 400
 */
public record SearchRules(Duration minNotice, int maxDateRangeDays) {}
