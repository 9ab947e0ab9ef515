package io.polyclinic.booking.doctor;

import io.polyclinic.booking.shared.DoctorStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/admin/doctors} (register) and {@code PUT /api/v1/admin/doctors/{id}} (edit).
 *
 * @param specialties specialty codes, 1..10
 * @param clinicIds the clinics the doctor works in, 1..20
 * @param phone work phone in E.164 ({@code +74951234567}, see {@link DoctorContacts}); kept when omitted on edit,
 *     cleared by {@code ""}
 * @param email work email, at most 320 characters; kept when omitted on edit, cleared by {@code ""}
 * @param status ACTIVE when omitted on register; kept when omitted on edit
 */
public record DoctorRequest(
        @NotBlank @Size(max = 200) String fullName,
        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 50) String> specialties,
        @NotEmpty @Size(max = 20) List<@NotNull UUID> clinicIds,
        @Size(max = 4000) String bio,
        @Min(0) @Max(80) Integer experienceYears,

        @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String photoUrl,

        @Pattern(regexp = DoctorContacts.PHONE_OR_EMPTY, message = "must be a phone number in E.164, e.g. +74951234567")
        String phone,

        @Size(max = DoctorContacts.MAX_EMAIL)
        @Pattern(regexp = DoctorContacts.EMAIL_OR_EMPTY, message = "must be an email address")
        String email,

        DoctorStatus status) {}
