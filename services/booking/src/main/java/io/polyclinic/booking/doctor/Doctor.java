package io.polyclinic.booking.doctor;

import io.polyclinic.booking.shared.DoctorStatus;
import java.util.List;
import java.util.UUID;

/**
 * A doctor as stored.
 *
 * @param experienceYears years of practice, or null when unknown
 * @param phone work phone in E.164, or null
 * @param email work email, or null
 * @param rating average review rating 0..5 (0 without reviews)
 * @param reviewCount number of reviews
 * @param specialtyCodes the doctor's specialties' codes
 * @param clinicIds the clinics the doctor works in
 */
public record Doctor(
        UUID id,
        String fullName,
        String bio,
        Integer experienceYears,
        String photoUrl,
        String phone,
        String email,
        DoctorStatus status,
        double rating,
        int reviewCount,
        List<String> specialtyCodes,
        List<UUID> clinicIds) {}
