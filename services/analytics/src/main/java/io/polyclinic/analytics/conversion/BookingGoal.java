package io.polyclinic.analytics.conversion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The "bookings" goal of a site over a period: appointments booked from tracked visits of the site, attributed to the
 * visit's first referrer source and UTM campaign.
 *
 * @param siteId the site
 * @param from the period's start (included)
 * @param to the period's end (excluded)
 * @param bookings appointments booked in the period from the site's tracked visits
 * @param visits tracker sessions of the site that started in the period
 * @param conversionRate {@code bookings / visits}, 0..1 (0 without visits), rounded to 4 decimals
 * @param bySource bookings per referrer source, most first
 * @param byCampaign bookings per {@code utm_campaign} (visits without one are left out), most first
 */
public record BookingGoal(
        UUID siteId,
        Instant from,
        Instant to,
        long bookings,
        long visits,
        double conversionRate,
        List<Count> bySource,
        List<Count> byCampaign) {

    /** The goal's name in reports. */
    public static final String NAME = "bookings";

    /** Bookings of one source or campaign. */
    public record Count(String name, long bookings) {}
}
