package io.polyclinic.booking.search;

import io.polyclinic.booking.search.DoctorView.ClinicRef;
import io.polyclinic.booking.search.DoctorView.NearestSlot;
import io.polyclinic.booking.search.DoctorView.SpecialtyRef;
import io.polyclinic.booking.shared.DoctorStatus;
import java.util.List;
import java.util.UUID;

/**
 * The doctor card ({@code GET /api/v1/doctors/{id}}): the search hit's fields plus {@code bio},
 * {@code experienceYears} and {@code photoUrl}.
 */
public record DoctorCard(
        UUID id,
        String fullName,
        List<SpecialtyRef> specialties,
        DoctorStatus status,
        List<ClinicRef> clinics,
        double rating,
        int reviewCount,
        NearestSlot nearestFreeSlot,
        String bio,
        Integer experienceYears,
        String photoUrl) {

    static DoctorCard of(DoctorView view, String bio, Integer experienceYears, String photoUrl) {
        return new DoctorCard(
                view.id(),
                view.fullName(),
                view.specialties(),
                view.status(),
                view.clinics(),
                view.rating(),
                view.reviewCount(),
                view.nearestFreeSlot(),
                bio,
                experienceYears,
                photoUrl);
    }
}
