package io.polyclinic.booking.search;

import io.polyclinic.platform.problem.InvalidRequestException;
import java.util.Locale;

/**
 * Orders of doctor search: {@code relevance} (name similarity when a name is given, else distance when a point is
 * given, else rating), {@code rating} (highest first), {@code nearestSlot} (earliest free slot first, ties
 * by doctor id, doctors without one last), {@code distance} (nearest clinic first; needs {@code lat}/{@code lon}), {@code name}.
 */
public enum DoctorSortOrder {
    RELEVANCE,
    RATING,
    NEAREST_SLOT,
    DISTANCE,
    NAME;

    /** Parses the query parameter value; null means relevance. @throws InvalidRequestException (400) otherwise */
    public static DoctorSortOrder parse(String value) {
        if (value == null || value.isBlank()) {
            return RELEVANCE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "relevance" -> RELEVANCE;
            case "rating" -> RATING;
            case "nearestslot" -> NEAREST_SLOT;
            case "distance" -> DISTANCE;
            case "name" -> NAME;
            default ->
                throw new InvalidRequestException(
                        "sort", "sort must be one of relevance, rating, nearestSlot, distance, name.");
        };
    }
}
