package io.polyclinic.booking.search;

import io.polyclinic.platform.problem.InvalidRequestException;

/**
 * A search circle on the Earth: doctors with a clinic at most {@code radiusKm} great-circle kilometres from
 * ({@code latitude}, {@code longitude}).
 *
 * <p>SQL filters it in two steps: a latitude/longitude bounding box, which the btree index
 * {@code clinics_location_idx} serves, then the exact haversine distance ({@link #EARTH_RADIUS_KM}).
 *
 * @param latitude degrees, -90..90
 * @param longitude degrees, -180..180
 * @param radiusKm kilometres, above 0
 */
public record GeoCircle(double latitude, double longitude, double radiusKm) {

    /** The mean Earth radius (IUGG), the one the distances shown to users are computed with. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

    /**
     * The circle of the search parameters {@code lat}, {@code lon}, {@code radiusKm}; null when none is given.
     *
     * @param defaultRadiusKm the radius when only {@code lat} and {@code lon} are given
     * @param maxRadiusKm the largest radius accepted
     * @throws InvalidRequestException (400) when only one of lat/lon is given, radiusKm without them, a coordinate
     *     out of range or not a number, or a radius not in {@code (0, maxRadiusKm]}
     */
    public static GeoCircle of(
            Double latitude, Double longitude, Double radiusKm, double defaultRadiusKm, double maxRadiusKm) {
        if (latitude == null && longitude == null) {
            if (radiusKm != null) {
                throw new InvalidRequestException("radiusKm", "radiusKm needs lat and lon.");
            }
            return null;
        }
        if (latitude == null || longitude == null) {
            throw new InvalidRequestException(latitude == null ? "lat" : "lon", "lat and lon go together.");
        }
        // written so that NaN fails too
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new InvalidRequestException("lat", "lat must be between -90 and 90.");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new InvalidRequestException("lon", "lon must be between -180 and 180.");
        }
        double radius = radiusKm == null ? Math.min(defaultRadiusKm, maxRadiusKm) : radiusKm;
        if (!(radius > 0 && radius <= maxRadiusKm)) {
            throw new InvalidRequestException(
                    "radiusKm", "radiusKm must be above 0 and at most " + formatKm(maxRadiusKm) + ".");
        }
        return new GeoCircle(latitude, longitude, radius);
    }

    /** The southern edge of the bounding box, degrees. */
    public double minLatitude() {
        return Math.max(-90, latitude - radiusKm / KM_PER_DEGREE);
    }

    /** The northern edge of the bounding box, degrees. */
    public double maxLatitude() {
        return Math.min(90, latitude + radiusKm / KM_PER_DEGREE);
    }

    /**
     * Half the width of the bounding box in degrees of longitude at the box's widest latitude; 180 or more when the
     * box reaches a pole (then every longitude is inside).
     */
    public double longitudeSpan() {
        var widest = Math.max(Math.abs(minLatitude()), Math.abs(maxLatitude()));
        if (widest >= 89.999) {
            return 180;
        }
        return radiusKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(widest)));
    }

    private static String formatKm(double km) {
        return km == Math.rint(km) ? Long.toString((long) km) : Double.toString(km);
    }
}
