package io.polyclinic.booking.shared;

import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of local dates {@code from..to} (each date read in a clinic's zone), as slot listings and the
 * doctor search take it.
 */
public record LocalDateRange(LocalDate from, LocalDate to) {

    /**
     * A checked range.
     *
     * @param maxDays how many days the range may span at most ({@code polyclinic.booking.max-slot-range-days})
     * @throws InvalidRequestException (400, field {@code to}) when {@code to} is before {@code from} or the range
     *     spans more than {@code maxDays} days
     */
    public static LocalDateRange of(LocalDate from, LocalDate to, int maxDays) {
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "to must not be before from.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
            throw new InvalidRequestException("to", "The date range may span at most " + maxDays + " days.");
        }
        return new LocalDateRange(from, to);
    }
}
