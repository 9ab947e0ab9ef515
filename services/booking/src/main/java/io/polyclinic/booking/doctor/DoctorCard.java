package io.polyclinic.booking.doctor;

import io.polyclinic.booking.doctor.DoctorView.ClinicRef;
import io.polyclinic.booking.doctor.DoctorView.NearestSlot;
import io.polyclinic.booking.doctor.DoctorView.SpecialtyRef;
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

    static DoctorCard of(DoctorView view, Doctor doctor) {
        return new DoctorCard(
                view.id(),
                view.fullName(),
                view.specialties(),
                view.status(),
                view.clinics(),
                view.rating(),
                view.reviewCount(),
                view.nearestFreeSlot(),
                doctor.bio(),
                doctor.experienceYears(),
                doctor.photoUrl());
    }
}
