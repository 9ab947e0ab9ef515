package io.polyclinic.booking.search;

import io.polyclinic.booking.search.DoctorView.ClinicRef;
import io.polyclinic.booking.search.DoctorView.NearestSlot;
import io.polyclinic.booking.search.DoctorView.SpecialtyRef;
import io.polyclinic.booking.shared.DoctorStatus;
import java.util.List;
import java.util.UUID;

/**
 * The doctor card ({@code GET /api/v1/doctors/{id}}): the search hit's fields plus {@code bio},
 * {@code experienceYears}, {@code photoUrl} and the doctor's work contacts {@code phone} (E.164) and {@code email},
 * each null when unknown. The contacts are the clinic's for the doctor, public like the clinic's own (decision 0059).
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
        String photoUrl,
        String phone,
        String email) {

    static DoctorCard of(DoctorView view, SearchQueries.CardDetails details) {
        return new DoctorCard(
                view.id(),
                view.fullName(),
                view.specialties(),
                view.status(),
                view.clinics(),
                view.rating(),
                view.reviewCount(),
                view.nearestFreeSlot(),
                details.bio(),
                details.experienceYears(),
                details.photoUrl(),
                details.phone(),
                details.email());
    }
}
