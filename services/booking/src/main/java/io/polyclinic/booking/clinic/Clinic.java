package io.polyclinic.booking.clinic;

import java.util.UUID;

/**
 * A clinic of the network.
 *
 * @param timeZone an IANA time zone id such as {@code Europe/Moscow}; slots and working plans are local to it
 * @param latitude degrees, -90..90
 * @param longitude degrees, -180..180
 */
public record Clinic(
        UUID id,
        String name,
        String address,
        String city,
        double latitude,
        double longitude,
        String timeZone,
        String phone) {}
