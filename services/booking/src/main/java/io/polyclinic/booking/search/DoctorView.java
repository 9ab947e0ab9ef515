package io.polyclinic.booking.search;

import io.polyclinic.booking.shared.DoctorStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A doctor as a search hit (S3 "Shapes"); {@link DoctorCard} adds the card's details.
 *
 * @param specialties {@code [{"code","name"}]}, the name in the request's language
 * @param clinics {@code [{"id","name","city","latitude","longitude","timeZone"}]}
 * @param rating average rating 0..5, 0 without reviews
 * @param nearestFreeSlot the earliest bookable free slot (within the search's filters), or null
 * @param distanceKm great-circle kilometres from the searched point to the doctor's nearest clinic, rounded to 0.01;
 *     null unless the search gave {@code lat}/{@code lon}
 */
public record DoctorView(
        UUID id,
        String fullName,
        List<SpecialtyRef> specialties,
        DoctorStatus status,
        List<ClinicRef> clinics,
        double rating,
        int reviewCount,
        NearestSlot nearestFreeSlot,
        Double distanceKm) {

    /** A specialty as a doctor shows it. */
    public record SpecialtyRef(String code, String name) {}

    /** A clinic as a doctor shows it. */
    public record ClinicRef(
            UUID id, String name, String address, String city, double latitude, double longitude, String timeZone) {}

    /** The earliest free slot: {@code {"id","start","end","clinicId"}}. */
    public record NearestSlot(UUID id, Instant start, Instant end, UUID clinicId) {}
}
